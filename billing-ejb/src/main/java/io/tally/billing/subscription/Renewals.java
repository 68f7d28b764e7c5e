package io.tally.billing.subscription;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.Money;
import io.tally.billing.api.NotificationType;
import io.tally.billing.audit.AuditTrail;
import io.tally.billing.ledger.DuplicateEntry;
import io.tally.billing.metrics.BusinessMetrics;
import io.tally.billing.notification.Notice;
import io.tally.billing.payment.PaymentGateway;
import io.tally.billing.payment.PaymentRequest;
import io.tally.billing.payment.PaymentResult;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The renewal job. The database says what is due: periods that ended by the injected clock, and
 * past-due payments whose retry time came. Each row is leased, paid outside any transaction (the
 * processor's idempotency key names the subscription, period and attempt, so a retried call never
 * pays twice), then granted under the ledger key of its period, so a double firing or a second
 * server ends in one grant per period.
 *
 * <p>A subscription left PENDING for {@link SubscriptionRow#STALE_PENDING} (its request died
 * between the first payment and the grant) is completed under the first payment's key.
 *
 * <p>A payment the processor did not answer (a timeout or 5xx after the adapter's retries) is
 * neither granted nor failed: the row keeps its lease, and the first run after the lease ends asks
 * again under the same key.
 *
 * <p>Catching up: a server that was down over one or more period ends pays and grants only the
 * period that contains now when it comes back; missed periods are neither charged nor granted (the
 * service was down). A failed payment makes the subscription PAST_DUE and is retried {@code
 * tally.subscriptions.retry-days} after the period's end; when the last retry fails, the
 * subscription is canceled.
 *
 * <p>The job's plan changes (a downgrade or cancellation taking effect, a cancellation after the
 * last failed retry) are audited as the system's, whoever woke the job.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Renewals {

  private static final Logger LOG = Logger.getLogger(Renewals.class.getName());
  private static final int BATCH = 200;

  @Inject SubscriptionStore store;

  @Inject SubscriptionReader reader;

  @Inject RenewalStore periods;

  @Inject UpgradePayments upgrades;

  @Inject Plans plans;

  @Inject PaymentGateway gateway;

  @Inject Clock clock;

  @Inject AuditTrail audit;

  @Inject BusinessMetrics metrics;

  @Inject
  @ConfigProperty(name = "tally.subscriptions.retry-days", defaultValue = "1,3,5")
  String retryDays;

  /**
   * Asks again about upgrade payments the processor did not answer, then does the renewal work due
   * now; answers how many subscriptions it moved on.
   */
  public int runDue() {
    audit.actAsSystem();
    upgrades.resolveAll();
    int done = 0;
    for (long id : reader.due(clock.instant(), BATCH)) {
      try {
        if (renew(reader.get(id))) {
          done++;
        }
      } catch (BillingException | DuplicateEntry raced) {
        // Another run or a customer's request changed the row first; the next run reads it again.
        LOG.log(Level.FINE, "renewal of subscription {0} raced: {1}", new Object[] {id, raced});
      } catch (RuntimeException failed) {
        // One subscription's trouble (a processor adapter throwing) must not stop the others.
        metrics.paymentFailed(BusinessMetrics.Payment.RENEWAL);
        LOG.log(
            Level.WARNING, "renewal of subscription " + id + " failed; retried next run", failed);
      }
    }
    return done;
  }

  private boolean renew(SubscriptionRow row) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    if (!row.isDue(now) || upgrades.pendingFor(row.id()).isPresent() || !periods.lease(row, now)) {
      // An upgrade whose payment is unanswered is settled first (resolveAll), then the renewal.
      return false;
    }
    if (row.status() == SubscriptionRow.Status.PENDING) {
      return completeFirstPayment(row);
    }
    if (row.cancelAtPeriodEnd()) {
      return cancel(row, now, "as you asked, at the end of the period");
    }
    Plan plan = plans.find(row.nextPlan());
    BigDecimal price = Money.toCents(plan.priceFor(row.introductoryOn(plan.id())));
    int index = Math.max(row.periodIndex() + 1, Periods.indexAt(row.anchor(), now));
    PaymentResult paid =
        gateway.pay(
            new PaymentRequest(
                row.accountId(),
                price,
                row.paymentMethod(),
                "subscription:" + row.id() + ":" + index + ":" + row.failedAttempts(),
                "Tally " + plan.name() + " subscription"));
    metrics.paid(BusinessMetrics.Payment.RENEWAL, paid.outcome());
    if (paid.succeeded()) {
      audit.within(
          () -> periods.renew(row, plan, index, price, renewed(row, plan, index, price)),
          SubscriptionChanges.renewedOn(row, plan, price));
      return true;
    }
    if (paid.unknown()) {
      return leftPending(row, paid);
    }
    List<Integer> retries = retryDays();
    if (row.failedAttempts() >= retries.size()) {
      return cancel(row, now, "because its payment failed again");
    }
    Instant next = row.periodEnd().plus(Duration.ofDays(retries.get(row.failedAttempts())));
    periods.pastDue(row, next, failed(row, index, paid, next));
    return true;
  }

  /**
   * A subscribe request stopped between its first payment and the grant (a crash): asks the
   * processor again under the same key, which answers the first payment's result without taking
   * money twice, then grants it or lets the subscription go.
   */
  private boolean completeFirstPayment(SubscriptionRow pending) {
    Plan plan = plans.find(pending.plan());
    PaymentResult paid =
        gateway.pay(
            new PaymentRequest(
                pending.accountId(),
                pending.price(),
                pending.paymentMethod(),
                pending.firstPaymentKey(),
                "Tally " + plan.name()));
    if (paid.succeeded()) {
      store.activate(pending, plan);
    } else if (paid.unknown()) {
      return leftPending(pending, paid);
    } else {
      store.abandon(pending);
    }
    return true;
  }

  /**
   * The processor did not say how the payment ended: nothing is granted or given up. The row keeps
   * its lease, so when the lease runs out a later run asks again under the same key (same period,
   * same attempt), which answers the first payment instead of taking a second.
   */
  private static boolean leftPending(SubscriptionRow row, PaymentResult paid) {
    LOG.log(
        Level.INFO,
        "subscription {0}: payment unanswered ({1}); asked again when its lease ends",
        new Object[] {row.id(), paid.message()});
    return false;
  }

  /** Ends the subscription now; false if a request or another run changed it first. */
  private boolean cancel(SubscriptionRow row, Instant now, String why) {
    return audit.within(
        () -> store.cancel(row, now, canceled(row, why)),
        canceled -> canceled ? SubscriptionChanges.canceledNow(row) : null);
  }

  private List<Integer> retryDays() {
    return Arrays.stream(retryDays.split(","))
        .map(String::strip)
        .filter(day -> !day.isEmpty())
        .map(Integer::valueOf)
        .toList();
  }

  private static Notice renewed(SubscriptionRow row, Plan plan, int index, BigDecimal price) {
    return new Notice(
        row.accountId(),
        NotificationType.SUBSCRIPTION_RENEWED,
        "subscription-renewed:" + row.id() + ":" + index,
        "Your " + plan.name() + " subscription was renewed",
        "We charged "
            + Money.format(price)
            + " USD and added the same amount of credit to your account.");
  }

  private static Notice failed(SubscriptionRow row, int index, PaymentResult paid, Instant next) {
    return new Notice(
        row.accountId(),
        NotificationType.SUBSCRIPTION_PAYMENT_FAILED,
        "subscription-payment-failed:" + row.id() + ":" + index + ":" + row.failedAttempts(),
        "Your subscription payment failed",
        "The payment for your subscription did not go through ("
            + paid.code()
            + "). We will try again at "
            + next
            + "; you can give another card meanwhile.");
  }

  private static Notice canceled(SubscriptionRow row, String why) {
    return new Notice(
        row.accountId(),
        NotificationType.SUBSCRIPTION_CANCELED,
        "subscription-canceled:" + row.id(),
        "Your subscription has ended",
        "Your " + row.plan() + " subscription was canceled " + why + ". You are on FREE now.");
  }
}
