package io.tally.billing.finetune;

/**
 * A request to complete a job once its time is charged.
 *
 * @param idempotencyKey the caller's key, stored with the job so a retry answers it; may be null
 */
public record Completion(String idempotencyKey) {}
