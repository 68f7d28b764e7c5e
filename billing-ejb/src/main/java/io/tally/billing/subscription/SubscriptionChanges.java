package io.tally.billing.subscription;

import io.tally.billing.api.AuditAction;
import io.tally.billing.api.Money;
import io.tally.billing.audit.Change;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/**
 * What the audit records of a customer's plan change: the subscription's plan, status, the plan of
 * the next period and whether it ends there, before and after. A change that changes none of them
 * (the same PUT again) records nothing.
 */
final class SubscriptionChanges {

  private SubscriptionChanges() {}

  /** A new subscription, paid and active. */
  static Change started(SubscriptionRow pending, Plan plan, String idempotencyKey) {
    return change(
        AuditAction.SUBSCRIPTION_CHANGED,
        pending,
        null,
        state(plan.id(), "ACTIVE", null, false, pending.price()),
        idempotencyKey);
  }

  /** An upgrade at once, with the prorated amount paid for it. */
  static Change upgraded(
      SubscriptionRow row, Plan plan, BigDecimal charged, String idempotencyKey) {
    Map<String, Object> after = state(plan.id(), "ACTIVE", null, false, plan.price());
    after.put("charged", Money.format(charged));
    return change(AuditAction.SUBSCRIPTION_CHANGED, row, before(row), after, idempotencyKey);
  }

  /** A cheaper plan (or the same one again) from the period's end; null when nothing changed. */
  static Change scheduled(SubscriptionRow row, String nextPlan, String idempotencyKey) {
    Map<String, Object> after =
        state(row.plan(), row.status().name(), nextPlan, false, row.price());
    return change(AuditAction.SUBSCRIPTION_CHANGED, row, before(row), after, idempotencyKey);
  }

  /**
   * A renewal onto {@code plan}: a plan change only when the period ends on a pending downgrade;
   * null for a renewal on the same plan.
   */
  static Change renewedOn(SubscriptionRow row, Plan plan, BigDecimal price) {
    if (plan.id().equals(row.plan())) {
      return null;
    }
    return change(
        AuditAction.SUBSCRIPTION_CHANGED,
        row,
        before(row),
        state(plan.id(), "ACTIVE", null, false, price),
        null);
  }

  /** A cancellation at the period's end; null when it was scheduled already. */
  static Change cancelScheduled(SubscriptionRow row) {
    Map<String, Object> after = state(row.plan(), row.status().name(), null, true, row.price());
    return change(AuditAction.SUBSCRIPTION_CANCELED, row, before(row), after, null);
  }

  /** A subscription ended now (the account is back on FREE). */
  static Change canceledNow(SubscriptionRow row) {
    Map<String, Object> after = state(row.plan(), "CANCELED", null, false, row.price());
    return change(AuditAction.SUBSCRIPTION_CANCELED, row, before(row), after, null);
  }

  private static Change change(
      AuditAction action,
      SubscriptionRow row,
      Map<String, Object> before,
      Map<String, Object> after,
      String idempotencyKey) {
    if (Objects.equals(before, after)) {
      return null;
    }
    String account = Long.toString(row.accountId());
    return new Change(action, account, row.accountId(), before, after, idempotencyKey);
  }

  private static Map<String, Object> before(SubscriptionRow row) {
    return state(
        row.plan(), row.status().name(), row.pendingPlan(), row.cancelAtPeriodEnd(), row.price());
  }

  private static Map<String, Object> state(
      String plan, String status, String nextPlan, boolean endsAtPeriodEnd, BigDecimal price) {
    return Change.state(
        "plan",
        plan,
        "status",
        status,
        "pendingPlan",
        nextPlan,
        "cancelAtPeriodEnd",
        endsAtPeriodEnd,
        "price",
        Money.format(price));
  }
}
