package io.tally.billing.payment;

import io.tally.billing.api.Money;
import io.tally.billing.ledger.ConcurrentConflict;
import io.tally.billing.metrics.BusinessMetrics;
import io.tally.billing.payment.RechargeRow.Status;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Pays a recorded recharge and finishes it. The processor is called outside any transaction (a
 * payment may take seconds and must not hold row locks), with the recharge's own idempotency key,
 * so running one recharge twice — a sweep racing a slow request, two servers — pays and credits
 * once.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RechargeRunner {

  private static final Logger LOG = Logger.getLogger(RechargeRunner.class.getName());

  /** How many forgotten recharges one sweep finishes at most; the next sweep takes the rest. */
  private static final int SWEEP_BATCH = 100;

  private static final int ATTEMPTS = 3;

  /**
   * How long an unanswered payment is asked about again. Within the processor's idempotency window
   * (Stripe keeps a key 24 hours), asking again answers the first attempt; after it, the same
   * request could be taken as a new payment, so an older PENDING recharge waits for an operator.
   */
  static final Duration RESOLVE_WINDOW = Duration.ofHours(23);

  @Inject PaymentGateway gateway;

  @Inject RechargeBook book;

  @Inject RechargeCompletion completion;

  @Inject BusinessMetrics metrics;

  @Inject Clock clock;

  /**
   * How old a PENDING recharge must be before the sweep takes it over: longer than any request
   * waits for the processor (timeout × attempts), so the sweep finishes only what was forgotten.
   */
  @Inject
  @ConfigProperty(name = "tally.jobs.recharge-sweep.grace-seconds", defaultValue = "300")
  long graceSeconds;

  /**
   * Charges the card (or, for a recharge whose payment went unanswered, asks again under the same
   * key, which answers the first attempt) and finishes the recharge; answers it as stored
   * afterwards, PENDING again if the processor still does not say. Finishing is retried when the
   * database picks it as a deadlock victim: the payment has happened, and finishing again is safe
   * (the row is finished once).
   */
  public RechargeRow execute(RechargeRow row) {
    PaymentResult paid =
        gateway.pay(
            new PaymentRequest(
                row.accountId(),
                row.amount(),
                row.paymentMethod(),
                row.paymentKey(),
                "Tally credit $" + Money.toCents(row.amount()).toPlainString()));
    if (row.origin() == RechargeRow.Origin.AUTO) {
      metrics.paid(BusinessMetrics.Payment.AUTO_RECHARGE, paid.outcome());
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return completion.complete(row.id(), paid);
      } catch (ConcurrentConflict conflict) {
        if (attempt == ATTEMPTS) {
          throw conflict;
        }
      }
    }
  }

  /** Runs a recorded recharge on another thread; a failure leaves it PENDING for the sweep. */
  @Asynchronous
  public void executeLater(long rechargeId) {
    try {
      executePending(rechargeId);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "recharge " + rechargeId + " left for the sweep", e);
    }
  }

  /**
   * Finishes the recharges that were recorded but never paid (the server stopped between recording
   * and paying), and asks again about those whose payment went unanswered, once they are older than
   * the grace period; answers how many it took.
   */
  public int sweep() {
    int taken = 0;
    Instant now = clock.instant();
    for (long id :
        book.pending(
            now.minus(Duration.ofSeconds(graceSeconds)), now.minus(RESOLVE_WINDOW), SWEEP_BATCH)) {
      try {
        executePending(id);
        taken++;
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "recharge " + id + " could not be finished; next sweep", e);
      }
    }
    return taken;
  }

  private void executePending(long rechargeId) {
    RechargeRow row = book.find(rechargeId);
    if (row.status() == Status.PENDING) {
      execute(row);
    }
  }
}
