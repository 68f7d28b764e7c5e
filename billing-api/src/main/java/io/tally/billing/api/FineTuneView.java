package io.tally.billing.api;

/**
 * A metered fine-tuning job.
 *
 * @param status {@code RUNNING}, {@code COMPLETED}, or {@code SUSPENDED_OUT_OF_CREDITS} (the
 *     account could no longer pay: the gateway stops the job)
 * @param meteredMs milliseconds charged so far, from {@code startedAt}
 * @param charged what the job has cost so far
 * @param endedAt when it completed, or null
 */
public record FineTuneView(
    long id,
    String requestId,
    long accountId,
    String model,
    String status,
    String startedAt,
    long meteredMs,
    String charged,
    String endedAt) {}
