package io.tally.billing.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * What the database assigned to a charge: its id, the balance after it, and when; on a plan with a
 * fair-use cap, the period's usage after it (null when uncapped); and what it counted toward the
 * limits that apply to it.
 */
public record WrittenCharge(
    long id, BigDecimal balanceAfter, Instant createdAt, FairUse fairUse, Limits limits) {

  public WrittenCharge(long id, BigDecimal balanceAfter, Instant createdAt, FairUse fairUse) {
    this(id, balanceAfter, createdAt, fairUse, Limits.NONE);
  }

  /** The account's metered usage since {@code since} (its period's start), against its cap. */
  public record FairUse(BigDecimal used, BigDecimal cap, Instant since) {}

  /**
   * After the charge: the API workflow runs of the period against the plan's quota (null unless it
   * counted a run against one), and the month's spend of the account and of the key against their
   * limits (null where no limit is set).
   */
  public record Limits(Quota workflow, Spend account, Spend key) {

    public static final Limits NONE = new Limits(null, null, null);

    public boolean none() {
      return workflow == null && account == null && key == null;
    }
  }

  /** API workflow runs since {@code since} (the period's start), against the quota. */
  public record Quota(int used, int quota, Instant since) {}

  /** What was spent in {@code month} (its first day), against the limit. */
  public record Spend(BigDecimal spent, BigDecimal limit, LocalDate month) {}
}
