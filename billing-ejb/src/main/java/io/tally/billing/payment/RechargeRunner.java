package io.tally.billing.payment;

import io.tally.billing.ledger.ConcurrentConflict;
import io.tally.billing.payment.RechargeRow.Status;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
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

  @Inject PaymentGateway gateway;

  @Inject RechargeBook book;

  @Inject Clock clock;

  /**
   * How old a PENDING recharge must be before the sweep takes it over: longer than any request
   * waits for the processor (timeout × attempts), so the sweep finishes only what was forgotten.
   */
  @Inject
  @ConfigProperty(name = "tally.jobs.recharge-sweep.grace-seconds", defaultValue = "300")
  long graceSeconds;

  /**
   * Charges the card and finishes the recharge; answers it as stored afterwards. Finishing is
   * retried when the database picks it as a deadlock victim: the payment has happened, and
   * finishing again is safe (the row is finished once).
   */
  public RechargeRow execute(RechargeRow row) {
    PaymentResult paid =
        gateway.pay(
            new PaymentRequest(
                row.accountId(),
                row.amount(),
                row.paymentMethod(),
                row.paymentKey(),
                "Tally credit $" + row.amount().setScale(2, RoundingMode.HALF_UP).toPlainString()));
    for (int attempt = 1; ; attempt++) {
      try {
        return book.complete(row.id(), paid);
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
   * and paying); answers how many it took.
   */
  public int sweep() {
    int taken = 0;
    for (long id :
        book.pendingBefore(clock.instant().minus(Duration.ofSeconds(graceSeconds)), SWEEP_BATCH)) {
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
