package io.tally.billing.ledger;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What the database assigned to a charge: its id, the balance after it, and when; and, on a plan
 * with a fair-use cap, the period's usage after it (null when uncapped).
 */
public record WrittenCharge(long id, BigDecimal balanceAfter, Instant createdAt, FairUse fairUse) {

  /** The account's metered usage since {@code since} (its period's start), against its cap. */
  public record FairUse(BigDecimal used, BigDecimal cap, Instant since) {}
}
