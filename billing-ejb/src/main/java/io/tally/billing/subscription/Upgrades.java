package io.tally.billing.subscription;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.api.Money;
import io.tally.billing.api.SubscriptionChange;
import io.tally.billing.api.SubscriptionRequest;
import io.tally.billing.audit.AuditTrail;
import io.tally.billing.payment.PaymentErrors;
import io.tally.billing.payment.PaymentGateway;
import io.tally.billing.payment.PaymentRequest;
import io.tally.billing.payment.PaymentResult;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Upgrades: a higher-priced plan takes effect at once. The subscription is leased (so no renewal
 * runs meanwhile), the card is charged with no transaction open, then the plan, the grant and the
 * audit entry are written in one transaction. An upgrade whose payment went unanswered is recorded
 * ({@link UpgradePayments}) and asked about again, under the same processor key, by a retry or by
 * the renewal job.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Upgrades {

  @Inject SubscriptionStore store;

  @Inject SubscriptionReader reader;

  @Inject RenewalStore periods;

  @Inject UpgradePayments upgrades;

  @Inject PaymentGateway gateway;

  @Inject AuditTrail audit;

  /**
   * Pays the difference prorated over the rest of the period, rounded up to cents, and switches at
   * once; a payment the processor did not answer keeps the lease and answers PENDING.
   */
  public SubscriptionChange upgrade(
      SubscriptionRow row, Plan plan, SubscriptionRequest request, Instant now) {
    Optional<UpgradePayments.Pending> unanswered = upgrades.pendingFor(row.id());
    if (unanswered.isPresent()) {
      return resolve(unanswered.get(), plan, now);
    }
    // The card pays the proration rounded up to cents, and the grant is what the card paid.
    BigDecimal amount =
        Money.toCents(
            Periods.prorate(
                plan.price().subtract(row.price()), now, row.periodStart(), row.periodEnd()));
    String key = "subscription:" + row.id() + ":" + row.periodIndex() + ":upgrade:" + plan.id();
    if (!periods.lease(row, now)) {
      throw new BillingException(
          ErrorCode.CONFLICT, "the subscription is being renewed or changed; retry");
    }
    if (amount.signum() > 0) {
      String paymentKey =
          Objects.requireNonNullElse(Subscriptions.clientKey(request, row.accountId()), key);
      PaymentResult paid =
          gateway.pay(
              new PaymentRequest(
                  row.accountId(),
                  amount,
                  request.paymentMethod(),
                  paymentKey,
                  "Tally upgrade to " + plan.name()));
      if (paid.unknown()) {
        // The card may have been charged: keep the payment and the lease, ask again later.
        upgrades.record(row, plan, amount, request.paymentMethod(), paymentKey);
        return reader.pending(row.id(), amount, now);
      }
      if (!paid.succeeded()) {
        periods.release(row);
        throw PaymentErrors.refusal(paid);
      }
    }
    audit.within(
        () -> store.upgrade(row, plan, amount, request.paymentMethod(), key),
        SubscriptionChanges.upgraded(row, plan, amount, request.idempotencyKey()));
    return reader.answer(row.id(), amount, now);
  }

  /** A retried upgrade whose payment went unanswered asks the processor again, same key. */
  private SubscriptionChange resolve(UpgradePayments.Pending unanswered, Plan plan, Instant now) {
    if (!unanswered.planId().equals(plan.id())) {
      throw new BillingException(
          ErrorCode.CONFLICT,
          "the payment of an upgrade to "
              + unanswered.planId()
              + " is pending: retry that upgrade to learn how it ended");
    }
    PaymentResult paid = upgrades.resolve(unanswered);
    if (paid.unknown()) {
      return reader.pending(unanswered.subscriptionId(), unanswered.amount(), now);
    }
    if (!paid.succeeded()) {
      throw PaymentErrors.refusal(paid);
    }
    return reader.answer(unanswered.subscriptionId(), unanswered.amount(), now);
  }
}
