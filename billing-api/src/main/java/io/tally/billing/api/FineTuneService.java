package io.tally.billing.api;

import java.time.Instant;

/**
 * Fine-tuning jobs metered while they run: the gateway starts one, Tally charges its running time
 * every minute, and the gateway completes it (or stops it when Tally suspends it for want of
 * credit).
 */
public interface FineTuneService {

  /** Starts a job, or answers the job an earlier start with this requestId made. */
  StartResult start(long accountId, String requestId, String model);

  /** One job, or a 404 {@code fine_tune_not_found}. */
  FineTuneView find(long jobId);

  /**
   * Charges the rest of a running job's time up to {@code endedAt} (now when null) and completes
   * it. The same {@code idempotencyKey} after completion answers the completed job; another is a
   * 409.
   */
  FineTuneView complete(long jobId, Instant endedAt, String idempotencyKey);

  /** The job, and whether it was started before under this requestId. */
  record StartResult(FineTuneView job, boolean replay) {}
}
