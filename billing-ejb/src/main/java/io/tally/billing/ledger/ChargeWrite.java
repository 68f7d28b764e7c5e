package io.tally.billing.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything the ledger writer stores for one priced usage event, in one transaction. The {@code
 * fingerprint} (a digest of the event as the gateway sent it) is stored with the charge, so a
 * requestId replayed with another body can be told from a true replay. {@code workflowRuns} is what
 * the charge adds to the plan's workflow quota (1 for a workflow run through the API, else 0);
 * {@code apiKeyId} is the account key it spends from, or null. {@code waits} (failed calls, queue
 * and cold-start time) is recorded on the charge, never billed.
 */
public record ChargeWrite(
    long accountId,
    String requestId,
    String model,
    String workflow,
    BigDecimal amount,
    long durationMs,
    String lineItemsJson,
    Long authorizationId,
    Instant startedAt,
    List<RollupDelta> rollups,
    String fingerprint,
    int workflowRuns,
    Long apiKeyId,
    Waits waits) {

  /** How many of the event's calls failed, and how long its calls waited before running. */
  public record Waits(int failedCalls, long queueMs, long coldStartMs) {
    public static final Waits NONE = new Waits(0, 0, 0);
  }

  /**
   * What one model call adds to an account's usage of a day. {@code durationMs} is the call's GPU
   * time; a failed call adds it to no duration sum (the average is the succeeded calls'). {@code
   * timed} when the event said how long it took (the model's speed counts only timed calls that
   * succeeded, see {@link SpeedRollup}).
   */
  public record RollupDelta(
      String model,
      LocalDate day,
      long durationMs,
      BigDecimal amount,
      boolean failed,
      boolean timed) {}
}
