package io.tally.billing.invoice;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.api.InvoicePayment;
import io.tally.billing.invoice.InvoicePaymentStore.Locked;
import io.tally.billing.invoice.InvoicePaymentStore.Started;
import io.tally.billing.metrics.BusinessMetrics;
import io.tally.billing.payment.PaymentGateway;
import io.tally.billing.payment.PaymentRequest;
import io.tally.billing.payment.PaymentResult;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Pays invoices by card, with no transaction open while the processor answers: the invoice is
 * marked PENDING under the caller's Idempotency-Key first, then charged with a processor key naming
 * the invoice and that Idempotency-Key (a retry never charges twice), then finished. A payment the
 * processor did not answer stays PENDING; the same Idempotency-Key again, or the sweep, asks the
 * processor again under the same processor key, and the invoice is credited or opened again once.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class InvoicePayer {

  private static final Logger LOG = Logger.getLogger(InvoicePayer.class.getName());
  private static final int SWEEP_BATCH = 100;

  @Inject InvoicePaymentStore store;

  @Inject PaymentGateway gateway;

  @Inject BusinessMetrics metrics;

  @Inject Clock clock;

  /**
   * How long a PENDING card payment is left to the request that started it before the sweep asks
   * about it: longer than a request waits for the processor (timeout × attempts).
   */
  @Inject
  @ConfigProperty(name = "tally.jobs.invoice-payment-sweep.grace-seconds", defaultValue = "300")
  long graceSeconds;

  /**
   * Pays the invoice (or asks again about this key's pending payment); answers true when the
   * Idempotency-Key had paid it, or had asked to, already. A refused card answers 402 after the
   * invoice is open again.
   */
  public boolean pay(InvoicePayment payment) {
    Started started = store.start(payment);
    return switch (started.start()) {
      case REPLAY -> true;
      case PAID -> false;
      case CHARGE, ASK_AGAIN -> {
        Charged charged = charge(started.invoice(), payment.actor());
        if (charged.invoice().status() == InvoiceStatus.OPEN) {
          throw refused(charged.invoice(), charged.paid());
        }
        yield started.start() == InvoicePaymentStore.Start.ASK_AGAIN;
      }
    };
  }

  /**
   * Asks the processor about every PENDING invoice payment older than the grace period; answers how
   * many it finished.
   */
  public int sweep() {
    int finished = 0;
    Instant before = clock.instant().minus(Duration.ofSeconds(graceSeconds));
    for (Locked invoice : store.pending(before, SWEEP_BATCH)) {
      try {
        if (charge(invoice, "payment-sweep").invoice().status() != InvoiceStatus.PENDING) {
          finished++;
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "invoice " + invoice.id() + " payment left for the next sweep", e);
      }
    }
    return finished;
  }

  /** What the processor answered, and the invoice after recording it. */
  private record Charged(PaymentResult paid, Locked invoice) {}

  private Charged charge(Locked invoice, String actor) {
    PaymentResult paid =
        gateway.pay(
            new PaymentRequest(
                invoice.accountId(),
                invoice.cardAmount(),
                invoice.paymentMethod(),
                "invoice:" + invoice.id() + ":" + invoice.key(),
                "Tally invoice " + invoice.number()));
    metrics.paid(BusinessMetrics.Payment.INVOICE, paid.outcome());
    return new Charged(paid, store.finish(invoice.id(), invoice.key(), paid, actor));
  }

  private static BillingException refused(Locked invoice, PaymentResult result) {
    if (result.outcome() == PaymentResult.Outcome.DECLINED) {
      return new BillingException(
          ErrorCode.INVOICE_PAYMENT_DECLINED,
          result.message(),
          "paymentMethod",
          Map.of("declineCode", result.code()));
    }
    return new BillingException(
        ErrorCode.INVOICE_PAYMENT_FAILED,
        "the payment processor refused the payment of invoice " + invoice.number(),
        null,
        Map.of("declineCode", String.valueOf(result.code())));
  }
}
