package io.tally.billing.metrics;

import io.tally.billing.api.ErrorCode;
import io.tally.billing.api.Money;
import io.tally.billing.payment.PaymentResult;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The business figures. Each tagged metric is registered once and kept (per error code, per model,
 * per plugin), so a charge costs map reads and increments, no tag objects. Money is counted in
 * micro-dollars as an integer counter: MicroProfile counters are whole numbers, and micro-dollars
 * are the ledger's own unit, so the figure adds up exactly where a double would drift.
 */
@ApplicationScoped
public class BusinessMetrics {

  /** What a payment was for; each has its counter by outcome. */
  public enum Payment {
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

  /**
   * A refusal is a well-formed call the server would not charge: no money (402), fair use or rate
   * (429), the plugin or the server failing (502, 503). Bad input is the caller's bug, not a
   * business figure, and is not counted.
   */
  private static final Set<ErrorCode> REFUSALS =
      EnumSet.of(
          ErrorCode.OUT_OF_CREDITS,
          ErrorCode.CREDIT_LIMIT_EXCEEDED,
          ErrorCode.FAIR_USE_LIMIT_REACHED,
          ErrorCode.RATE_LIMITED,
          ErrorCode.PRICING_FAILED,
          ErrorCode.PLUGIN_UNAVAILABLE,
          ErrorCode.SERVICE_UNAVAILABLE);

  private record ModelFigures(Counter charges, Counter micros) {}

  @Inject MetricRegistry registry;

  private final Map<ErrorCode, Counter> refusals = new EnumMap<>(ErrorCode.class);
  private final Map<Payment, Map<PaymentResult.Outcome, Counter>> payments =
      new EnumMap<>(Payment.class);
  private final ConcurrentMap<String, ModelFigures> models = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Timer> pricing = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Counter> pricingFailures = new ConcurrentHashMap<>();
  private final AtomicLong outboxDepth = new AtomicLong();
  private Timer charge;
  private Timer batchEvent;
  private Histogram batchSize;
  private Histogram groupSize;

  @PostConstruct
  void register() {
    // Each is registered at zero, so an alert rule finds it before the first refusal.
    for (ErrorCode code : REFUSALS) {
      refusals.put(
          code,
          registry.counter(
              meta("tally.charge.refusals", "charges refused, by the error's code"),
              new Tag("reason", code.code())));
    }
    for (Payment payment : Payment.values()) {
      Map<PaymentResult.Outcome, Counter> byOutcome = new EnumMap<>(PaymentResult.Outcome.class);
      for (PaymentResult.Outcome outcome : PaymentResult.Outcome.values()) {
        byOutcome.put(
            outcome,
            registry.counter(
                meta(payment.metric, payment.what + " by outcome"),
                new Tag("outcome", outcomeName(outcome))));
      }
      payments.put(payment, byOutcome);
    }
    charge =
        registry.timer(
            meta(
                "tally.charge.duration",
                "one POST /usage charge: pricing and the ledger write",
                MetricUnits.SECONDS));
    batchEvent =
        registry.timer(
            meta(
                "tally.batch.event.duration",
                "a POST /usage/batch's time divided by its events, one sample per batch",
                MetricUnits.SECONDS));
    batchSize = registry.histogram(meta("tally.batch.size", "events per POST /usage/batch"));
    groupSize =
        registry.histogram(
            meta("tally.batch.group.size", "events written per batch transaction (ChargeGroup)"));
    registry.gauge(
        meta(
            "tally.notification.outbox.depth",
            "deliveries waiting or being sent, as the delivery job last counted"),
        outboxDepth,
        AtomicLong::get);
  }

  /**
   * Created with the application rather than at the first charge, so every reason and outcome is
   * served at zero from the start, as alert rules expect.
   */
  void startWithTheApplication(@Observes @Initialized(ApplicationScoped.class) Object started) {
    // Being called created the bean; register() did the work.
  }

  /** A model call charged (a workflow counts each of its parts under its own model). */
  public void charged(String model, BigDecimal amount) {
    ModelFigures figures = models.get(model);
    if (figures == null) {
      figures = models.computeIfAbsent(model, this::modelFigures);
    }
    figures.charges().inc();
    if (amount.signum() > 0) {
      figures.micros().inc(amount.movePointRight(Money.SCALE).longValue());
    }
  }

  /** Counts a charge refused with {@code code}, if it is a refusal rather than bad input. */
  public void refused(ErrorCode code) {
    Counter counter = refusals.get(code);
    if (counter != null) {
      counter.inc();
    }
  }

  public void charge(long nanos) {
    charge.update(Duration.ofNanos(nanos));
  }

  /** A batch of {@code events} took {@code nanos}: one sample of the time per event. */
  public void batch(int events, long nanos) {
    batchSize.update(events);
    if (events > 0) {
      batchEvent.update(Duration.ofNanos(nanos / events));
    }
  }

  public void group(int events) {
    groupSize.update(events);
  }

  /** Time a plugin took to price one call part (quotes, holds and charges alike). */
  public void priced(String plugin, long nanos) {
    Timer timer = pricing.get(plugin);
    if (timer == null) {
      timer = pricing.computeIfAbsent(plugin, this::pricingTimer);
    }
    timer.update(Duration.ofNanos(nanos));
  }

  public void pricingFailed(String plugin) {
    pricingFailures
        .computeIfAbsent(
            plugin,
            id ->
                registry.counter(
                    meta(
                        "tally.pricing.failures",
                        "calls a plugin failed to price (threw, or answered a quote refused)"),
                    new Tag("plugin", id)))
        .inc();
  }

  public void paid(Payment payment, PaymentResult.Outcome outcome) {
    payments.get(payment).get(outcome).inc();
  }

  /** A payment that ended in an exception before the processor's answer was recorded. */
  public void paymentFailed(Payment payment) {
    paid(payment, PaymentResult.Outcome.FAILED);
  }

  public void outboxDepth(long deliveries) {
    outboxDepth.set(deliveries);
  }

  private ModelFigures modelFigures(String model) {
    Tag tag = new Tag("model", model);
    return new ModelFigures(
        registry.counter(meta("tally.charges", "model calls charged"), tag),
        registry.counter(
            meta(
                "tally.charged.microdollars",
                "money charged in micro-dollars (exact integer; the ledger is the truth)"),
            tag));
  }

  private Timer pricingTimer(String plugin) {
    return registry.timer(
        meta(
            "tally.pricing.duration",
            "time a pricing plugin took to price one call part",
            MetricUnits.SECONDS),
        new Tag("plugin", plugin));
  }

  /** The processor's UNKNOWN leaves the payment PENDING: named as the payment stays. */
  private static String outcomeName(PaymentResult.Outcome outcome) {
    return outcome == PaymentResult.Outcome.UNKNOWN
        ? "pending"
        : outcome.name().toLowerCase(Locale.ROOT);
  }

  private static Metadata meta(String name, String description) {
    return meta(name, description, MetricUnits.NONE);
  }

  private static Metadata meta(String name, String description, String unit) {
    return Metadata.builder().withName(name).withDescription(description).withUnit(unit).build();
  }
}
