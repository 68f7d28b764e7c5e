package io.tally.billing.metrics;

import io.tally.billing.api.ErrorCode;
import io.tally.billing.payment.PaymentResult;
import java.math.BigDecimal;

/**
 * What the business code records. Tally's own interface rather than MicroProfile Metrics' types, so
 * the same EAR deploys where that API is missing (WildFly 38): {@link MetricsBinding} picks {@link
 * MicroProfileMetrics} or {@link NoMetrics} once, at start. Every method is called on the charge
 * path or a job's and must stay an increment on a metric object kept from the first call.
 */
public interface BusinessMetrics {

  /** What a payment was for; each has its counter by outcome. */
  enum Payment {
    AUTO_RECHARGE("tally.auto_recharges", "auto-recharge payments"),
    RENEWAL("tally.renewals", "subscription renewal payments"),
    INVOICE("tally.invoice_payments", "invoice payments");

    final String metric;
    final String what;

    Payment(String metric, String what) {
      this.metric = metric;
      this.what = what;
    }
  }

  /** A model call charged (a workflow counts each of its parts under its own model). */
  void charged(String model, BigDecimal amount);

  /** Counts a charge refused with {@code code}, if it is a refusal rather than bad input. */
  void refused(ErrorCode code);

  /** One {@code POST /usage} charge took {@code nanos}, refused or not. */
  void charge(long nanos);

  /** A batch of {@code events} took {@code nanos}: one sample of the time per event. */
  void batch(int events, long nanos);

  /** One batch transaction wrote {@code events} charges. */
  void group(int events);

  /** A group commit gathered {@code calls} single charges into one transaction. */
  void chargeGroup(int calls);

  /** A group commit gathered {@code holds} authorizations into one transaction. */
  void holdGroup(int holds);

  /** One transaction of the fine-tune metering timer wrote {@code readings} readings. */
  void readingGroup(int readings);

  /** Time a plugin took to price one call part (quotes, holds and charges alike). */
  void priced(String plugin, long nanos);

  void pricingFailed(String plugin);

  void paid(Payment payment, PaymentResult.Outcome outcome);

  /** A payment that ended in an exception before the processor's answer was recorded. */
  default void paymentFailed(Payment payment) {
    paid(payment, PaymentResult.Outcome.FAILED);
  }

  /** Deliveries waiting or being sent, as the delivery job last counted them. */
  void outboxDepth(long deliveries);
}
