package io.tally.billing.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything the ledger writer stores for one priced usage event, in one transaction. The {@code
 * fingerprint} (a digest of the event as the gateway sent it) is stored with the charge, so a
 * requestId replayed with another body can be told from a true replay.
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
    String fingerprint) {

  /**
   * What one model call adds to an account's usage of a day; {@code timed} when the event said how
   * long it took (the model's speed counts only those, see {@link SpeedRollup}).
   */
  public record RollupDelta(
      String model, LocalDate day, long durationMs, BigDecimal amount, boolean timed) {}
}
