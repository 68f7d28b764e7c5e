package io.tally.billing.metrics;

import io.tally.billing.api.ErrorCode;
import io.tally.billing.api.Money;
import io.tally.billing.payment.PaymentResult;
import jakarta.enterprise.inject.Instance;
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
 * The business figures in MicroProfile Metrics' application registry. Each tagged metric is
 * registered once and kept (per error code, per model, per plugin), so a charge costs map reads and
 * increments, no tag objects. Money is counted in micro-dollars as an integer counter: MicroProfile
 * counters are whole numbers, and micro-dollars are the ledger's own unit, so the figure adds up
 * exactly where a double would drift.
 *
 * <p>The only class that names {@code org.eclipse.microprofile.metrics}. It carries no
 * bean-defining annotation, so bean discovery ({@code annotated}) never loads it; {@link
 * MetricsBinding} creates it only after finding the API, and on WildFly it is never loaded at all.
 */
final class MicroProfileMetrics implements BusinessMetrics {

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
          ErrorCode.WORKFLOW_QUOTA_REACHED,
          ErrorCode.SPEND_LIMIT_REACHED,
          ErrorCode.RATE_LIMITED,
          ErrorCode.PRICING_FAILED,
          ErrorCode.PLUGIN_UNAVAILABLE,
          ErrorCode.SERVICE_UNAVAILABLE);

  private record ModelFigures(Counter charges, Counter micros) {}

  private final MetricRegistry registry;
  private final Map<ErrorCode, Counter> refusals = new EnumMap<>(ErrorCode.class);
  private final Map<Payment, Map<PaymentResult.Outcome, Counter>> payments =
      new EnumMap<>(Payment.class);
  private final ConcurrentMap<String, ModelFigures> models = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Timer> pricing = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Counter> pricingFailures = new ConcurrentHashMap<>();
  private final AtomicLong outboxDepth = new AtomicLong();
  private final Timer charge;
  private final Timer batchEvent;
  private final Histogram batchSize;
  private final Histogram groupSize;
  private final Histogram chargeGroupSize;
  private final Histogram holdGroupSize;
  private final Histogram readingGroupSize;

  /**
   * The application registry from CDI, or null when the API is there but no implementation serves
   * it. Looked up through the binding's {@code Instance}, whose injection point the registry's
   * producer reads for its scope (none: the application's).
   */
  static BusinessMetrics from(Instance<Object> beans) {
    Instance<MetricRegistry> registry = beans.select(MetricRegistry.class);
    return registry.isResolvable() ? new MicroProfileMetrics(registry.get()) : null;
  }

  private MicroProfileMetrics(MetricRegistry registry) {
    this.registry = registry;
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
    chargeGroupSize =
        registry.histogram(
            meta(
                "tally.charge.group.size",
                "single POST /usage calls gathered per transaction (group commit)"));
    holdGroupSize =
        registry.histogram(
            meta(
                "tally.hold.group.size",
                "POST /authorizations holds gathered per transaction (group commit)"));
    readingGroupSize =
        registry.histogram(
            meta(
                "tally.finetune.reading.group.size",
                "fine-tune meter readings written per transaction of the metering timer"));
    registry.gauge(
        meta(
            "tally.notification.outbox.depth",
            "deliveries waiting or being sent, as the delivery job last counted"),
        outboxDepth,
        AtomicLong::get);
  }

  @Override
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

  @Override
  public void refused(ErrorCode code) {
    Counter counter = refusals.get(code);
    if (counter != null) {
      counter.inc();
    }
  }

  @Override
  public void charge(long nanos) {
    charge.update(Duration.ofNanos(nanos));
  }

  @Override
  public void batch(int events, long nanos) {
    batchSize.update(events);
    if (events > 0) {
      batchEvent.update(Duration.ofNanos(nanos / events));
    }
  }

  @Override
  public void group(int events) {
    groupSize.update(events);
  }

  @Override
  public void chargeGroup(int calls) {
    chargeGroupSize.update(calls);
  }

  @Override
  public void holdGroup(int holds) {
    holdGroupSize.update(holds);
  }

  @Override
  public void readingGroup(int readings) {
    readingGroupSize.update(readings);
  }

  @Override
  public void priced(String plugin, long nanos) {
    Timer timer = pricing.get(plugin);
    if (timer == null) {
      timer = pricing.computeIfAbsent(plugin, this::pricingTimer);
    }
    timer.update(Duration.ofNanos(nanos));
  }

  @Override
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

  @Override
  public void paid(Payment payment, PaymentResult.Outcome outcome) {
    payments.get(payment).get(outcome).inc();
  }

  @Override
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
