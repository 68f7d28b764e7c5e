package io.tally.billing.subscription;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.api.Money;
import io.tally.billing.api.NotificationType;
import io.tally.billing.api.PlanView;
import io.tally.billing.api.SubscriptionChange;
import io.tally.billing.api.SubscriptionRequest;
import io.tally.billing.api.SubscriptionService;
import io.tally.billing.api.SubscriptionView;
import io.tally.billing.audit.AuditTrail;
import io.tally.billing.ledger.DuplicateEntry;
import io.tally.billing.notification.Notice;
import io.tally.billing.payment.PaymentErrors;
import io.tally.billing.payment.PaymentGateway;
import io.tally.billing.payment.PaymentRequest;
import io.tally.billing.payment.PaymentResult;
import io.tally.billing.subscription.SubscriptionRow.Status;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Subscribing, changing plan and canceling. No transaction of its own: each step is a short
 * transaction of the store, and the card is charged between them, so no database lock is held while
 * the processor answers. A new subscription is a PENDING row first (its unique key allows one live
 * subscription per account, and it holds the introductory slot); it becomes ACTIVE with its grant
 * once paid, or disappears (slot released) when the card is declined.
 *
 * <p>ENTERPRISE is not sold by card: subscribing to it answers 422 {@code contact_sales}; sales
 * opens such customers as POSTPAID accounts. An upgrade (a higher price than the subscription's)
 * takes effect at once and pays, and is granted, the difference prorated to the millisecond over
 * the rest of the period; a downgrade waits for the period's end. The introductory price is taken
 * only by a new subscription to the plan, and kept while the subscriber stays on it.
 */
@Stateless
@LocalBean
@Local(SubscriptionService.class)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Subscriptions implements SubscriptionService {

  @Inject SubscriptionStore store;

  @Inject SubscriptionReader reader;

  @Inject SubscriptionAnswers answers;

  @Inject Upgrades upgrades;

  @Inject Plans plans;

  @Inject PaymentGateway gateway;

  @Inject Clock clock;

  @Inject AuditTrail audit;

  @Override
  public List<PlanView> plans() {
    return plans.all().stream().map(Plan::view).toList();
  }

  @Override
  public List<PlanView> plans(long accountId) {
    Plans.WorkflowUsage usage = plans.workflowUsage(accountId);
    return plans.all().stream()
        .map(plan -> plan.view(plan.id().equals(usage.plan()) ? usage.used() : null))
        .toList();
  }

  /**
   * Subscribes or changes plan. With an Idempotency-Key, a replay answers the first answer as it
   * was (not the subscription's state now), and another request under the key answers 422.
   */
  @Override
  public SubscriptionChange subscribe(SubscriptionRequest request) {
    if (request.idempotencyKey() == null) {
      return subscribeOrChange(request);
    }
    Optional<SubscriptionChange> first = answers.first(request);
    if (first.isPresent()) {
      return first.get();
    }
    SubscriptionChange answer = subscribeOrChange(request);
    // A pending payment is not the first answer: the same key again asks how it ended.
    return answer.pending() ? answer : answers.keep(request, answer, clock.instant());
  }

  private SubscriptionChange subscribeOrChange(SubscriptionRequest request) {
    Plan plan = sellable(plans.find(request.plan()));
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Optional<SubscriptionRow> live = reader.live(request.accountId());
    if (live.isEmpty()) {
      try {
        return start(request, plan, now);
      } catch (AlreadySubscribed raced) {
        live = reader.live(request.accountId());
      }
    }
    SubscriptionRow row =
        live.orElseThrow(
            () -> new BillingException(ErrorCode.CONFLICT, "the subscription changed; retry"));
    return change(row, plan, request, now);
  }

  @Override
  public SubscriptionView find(long accountId) {
    return reader.latest(accountId).map(SubscriptionRow::view).orElseThrow(() -> none(accountId));
  }

  @Override
  public SubscriptionView cancel(long accountId) {
    SubscriptionRow row = reader.live(accountId).orElseThrow(() -> none(accountId));
    switch (row.status()) {
      case ACTIVE ->
          audit.within(
              () -> store.cancelAtPeriodEnd(row), SubscriptionChanges.cancelScheduled(row));
      case PAST_DUE ->
          audit.within(
              () -> store.cancel(row, clock.instant(), canceledNow(row)),
              canceled -> canceled ? SubscriptionChanges.canceledNow(row) : null);
      default -> throw inProgress();
    }
    return reader.get(row.id()).view();
  }

  private SubscriptionChange start(SubscriptionRequest request, Plan plan, Instant now) {
    long id =
        store.open(
            request.accountId(),
            plan,
            request.paymentMethod(),
            clientKey(request, request.accountId()),
            now);
    SubscriptionRow pending = reader.get(id);
    PaymentResult paid = pay(pending, pending.price(), pending.firstPaymentKey(), plan.name());
    if (paid.unknown()) {
      // The card may have been charged: the row stays PENDING, and the renewal job asks again
      // under the same key once it is stale, then activates or abandons it.
      return reader.pending(id, pending.price(), now);
    }
    if (!paid.succeeded()) {
      store.abandon(pending);
      throw PaymentErrors.refusal(paid);
    }
    try {
      audit.within(
          () -> store.activate(pending, plan),
          SubscriptionChanges.started(pending, plan, request.idempotencyKey()));
    } catch (DuplicateEntry completedByTheRenewalJob) {
      // This request took so long that the renewal job completed the subscription: same payment.
    }
    return reader.answer(id, pending.price(), now);
  }

  private SubscriptionChange change(
      SubscriptionRow row, Plan plan, SubscriptionRequest request, Instant now) {
    if (row.status() == Status.PENDING) {
      throw inProgress();
    }
    boolean samePlan = plan.id().equals(row.plan());
    if (row.status() == Status.PAST_DUE) {
      if (!samePlan) {
        throw new BillingException(
            ErrorCode.CONFLICT,
            "the last payment failed: PUT the current plan with a working paymentMethod first");
      }
      store.retryWith(row, request.paymentMethod(), now);
      return reader.answer(row.id(), Money.ZERO, now);
    }
    if (samePlan || plan.price().compareTo(row.price()) <= 0) {
      // The same plan resumes (no pending change, no cancellation); a cheaper one waits.
      String next = samePlan ? null : plan.id();
      audit.within(
          () -> store.renewOn(row, next, request.paymentMethod()),
          SubscriptionChanges.scheduled(row, next, request.idempotencyKey()));
      return reader.answer(row.id(), Money.ZERO, now);
    }
    return upgrades.upgrade(row, plan, request, now);
  }

  /**
   * The processor key of a payment the caller asked for with an Idempotency-Key (with the account
   * and the plan bought, so one key reused for another purchase is another payment); null without.
   */
  static String clientKey(SubscriptionRequest request, long accountId) {
    return request.idempotencyKey() == null
        ? null
        : "subscription:" + accountId + ":" + request.idempotencyKey() + ":" + request.plan();
  }

  private PaymentResult pay(SubscriptionRow row, BigDecimal amount, String key, String what) {
    return gateway.pay(
        new PaymentRequest(row.accountId(), amount, row.paymentMethod(), key, "Tally " + what));
  }

  private static Plan sellable(Plan plan) {
    if (plan.selfServe()) {
      return plan;
    }
    if ("FREE".equals(plan.id())) {
      throw BillingException.invalid(
          "plan", "FREE needs no subscription: DELETE the subscription to return to it");
    }
    throw new BillingException(
        ErrorCode.CONTACT_SALES,
        plan.name() + " is post-paid and invoiced monthly: contact sales to set it up",
        "plan");
  }

  private static BillingException none(long accountId) {
    return new BillingException(
        ErrorCode.SUBSCRIPTION_NOT_FOUND, "account " + accountId + " has no subscription");
  }

  private static BillingException inProgress() {
    return new BillingException(
        ErrorCode.CONFLICT, "the first payment of this subscription is under way; retry");
  }

  private static Notice canceledNow(SubscriptionRow row) {
    return new Notice(
        row.accountId(),
        NotificationType.SUBSCRIPTION_CANCELED,
        "subscription-canceled:" + row.id(),
        "Your subscription has ended",
        "Your " + row.plan() + " subscription was canceled as you asked. You are on FREE now.");
  }
}
