package io.tally.billing.subscription;

import io.tally.billing.api.Money;
import io.tally.billing.api.SubscriptionView;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/** A row of the {@code subscription} table, read once and acted on with conditional updates. */
public record SubscriptionRow(
    long id,
    long accountId,
    String plan,
    String pendingPlan,
    Status status,
    String paymentMethod,
    String firstPaymentKey,
    BigDecimal price,
    String introPlan,
    Instant anchor,
    int periodIndex,
    Instant periodStart,
    Instant periodEnd,
    BigDecimal pricePaid,
    boolean cancelAtPeriodEnd,
    int failedAttempts,
    Instant nextAttemptAt) {

  /** PENDING: the first payment is under way; CANCELED rows are history. */
  public enum Status {
    PENDING,
    ACTIVE,
    PAST_DUE,
    CANCELED
  }

  /** How long a first payment may take before the renewal job completes it (after a crash). */
  static final Duration STALE_PENDING = Duration.ofMinutes(5);

  /** Whether the renewal job has work on this row at {@code now}. */
  boolean isDue(Instant now) {
    return status == Status.PENDING && !anchor.plus(STALE_PENDING).isAfter(now)
        || status == Status.ACTIVE && !periodEnd.isAfter(now)
        || status == Status.PAST_DUE && nextAttemptAt != null && !nextAttemptAt.isAfter(now);
  }

  /** The plan the next period is on. */
  String nextPlan() {
    return pendingPlan != null ? pendingPlan : plan;
  }

  /** Whether this subscriber holds an introductory slot on {@code planId}. */
  boolean introductoryOn(String planId) {
    return planId.equals(introPlan);
  }

  SubscriptionView view() {
    return new SubscriptionView(
        accountId,
        plan,
        status.name(),
        periodStart.toString(),
        periodEnd.toString(),
        cancelAtPeriodEnd,
        pendingPlan,
        Money.format(price),
        Money.format(pricePaid),
        introductoryOn(plan));
  }
}
