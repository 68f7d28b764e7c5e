package io.tally.billing.demo;

import io.tally.billing.account.Accounts;
import io.tally.billing.api.BillingMode;
import io.tally.billing.api.CallPart;
import io.tally.billing.api.ChargeOutcome;
import io.tally.billing.api.ChargingService;
import io.tally.billing.api.OpenAccount;
import io.tally.billing.api.UsageEvent;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.logging.Logger;

/**
 * The demo's traffic: a few days of calls across the demo models, charged through the same path as
 * the gateway's, to a post-paid "platform traffic" account, so the public model pages show speed
 * and the usage rollups are real. Only when the demo catalog was created in this start: its first
 * prices are moved back to before the first demo day (a price must be in force when a call
 * started), which only a catalog nobody has used yet may do.
 */
@Stateless
public class DemoCalls {

  private static final Logger LOG = Logger.getLogger(DemoCalls.class.getName());

  static final String TRAFFIC_EMAIL = "traffic@tally.dev";

  static final int DAYS = 5;

  private static final int CALLS_PER_DAY = 12;

  /** A demo model's typical call duration; its calls spread around it. */
  private record Typical(String model, long durationMs) {}

  /** The demo's models that serve calls (fine-tunes are metered jobs, not calls). */
  private static final List<Typical> TYPICAL =
      List.of(
          new Typical("flux-schnell", 900),
          new Typical("flux-dev", 4_200),
          new Typical("sdxl", 3_100),
          new Typical("sd-3.5-large", 6_500),
          new Typical("wan-2.1-t2v", 95_000),
          new Typical("kling-1.6-pro", 140_000),
          new Typical("hunyuan-video", 260_000),
          new Typical("real-esrgan", 1_800),
          new Typical("clarity-upscaler", 12_000));

  @PersistenceContext EntityManager em;

  @Inject Accounts accounts;

  @Inject ChargingService charging;

  @Inject Clock clock;

  /** The first day of the demo's calls, at 00:00 UTC. */
  public Instant firstDay() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)
        .minusDays(DAYS - 1L)
        .atStartOfDay(ZoneOffset.UTC)
        .toInstant();
  }

  /** Moves the first price of each of {@code models} (just created, never used) to {@code from}. */
  public void backdate(List<String> models, Instant from) {
    for (String model : models) {
      em.createNativeQuery(
              "UPDATE model_price SET effective_from = ? WHERE model_id = ? AND version = 1")
          .setParameter(1, from.atOffset(ZoneOffset.UTC).toLocalDateTime())
          .setParameter(2, model)
          .executeUpdate();
    }
  }

  /**
   * Charges the demo's calls, and a few of the demo customer's today so its usage page links to
   * model pages; answers how many were charged. Outside a transaction: each group of calls is
   * charged in its own, as the gateway's are.
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public int charge(long customer, Map<String, Map<String, Object>> sheets) {
    long account =
        accounts
            .open(
                new OpenAccount(
                    TRAFFIC_EMAIL,
                    "Platform traffic (demo)",
                    BillingMode.POSTPAID,
                    new BigDecimal("1000000.00")))
            .id();
    // A fixed seed: every fresh demo shows the same figures.
    Random random = new Random(12);
    Instant now = clock.instant();
    int charged = 0;
    for (int day = 0; day < DAYS; day++) {
      Instant start = firstDay().plus(Duration.ofDays(day));
      List<UsageEvent> events = new ArrayList<>();
      for (Typical model : TYPICAL) {
        for (int n = 0; n < CALLS_PER_DAY; n++) {
          Instant at = start.plus(Duration.ofMinutes(random.nextInt(24 * 60)));
          if (at.isAfter(now)) {
            at = now;
          }
          // Mostly near the typical time, sometimes much slower (a long prompt, a busy GPU).
          double spread = Math.exp(random.nextGaussian() * 0.35);
          long durationMs = Math.max(50, Math.round(model.durationMs() * spread));
          String id = "demo-" + model.model() + "-" + day + "-" + n;
          CallPart call =
              new CallPart(model.model(), durationMs, parameters(sheets.get(model.model())));
          events.add(new UsageEvent(id, account, null, List.of(call), null, at));
        }
      }
      charged += charged(events);
    }
    List<UsageEvent> own = new ArrayList<>();
    for (int n = 0; n < 2; n++) {
      own.add(customerCall(customer, "flux-schnell", 850 + 40L * n, n, sheets, now));
      own.add(customerCall(customer, "sdxl", 2_900 + 300L * n, n, sheets, now));
    }
    return charged + charged(own);
  }

  private static UsageEvent customerCall(
      long customer,
      String model,
      long durationMs,
      int n,
      Map<String, Map<String, Object>> sheets,
      Instant now) {
    CallPart call = new CallPart(model, durationMs, parameters(sheets.get(model)));
    return new UsageEvent(
        "demo-customer-" + model + "-" + n, customer, null, List.of(call), null, now);
  }

  private int charged(List<UsageEvent> events) {
    List<ChargeOutcome> outcomes = charging.chargeAll(events);
    outcomes.stream()
        .filter(outcome -> outcome.refused() != null)
        .findFirst()
        .ifPresent(refused -> LOG.warning("a demo call was refused: " + refused.refused()));
    return (int) outcomes.stream().filter(outcome -> outcome.refused() == null).count();
  }

  /** What a call of the sheet's mode says besides its duration. */
  private static Map<String, Object> parameters(Map<String, Object> sheet) {
    Object mode = sheet.get("mode");
    if ("per_image".equals(mode)) {
      return Map.of("numImages", BigDecimal.ONE);
    }
    if ("per_output_second".equals(mode)
        && sheet.get("ratesByResolution") instanceof Map<?, ?> rates) {
      return Map.of(
          "seconds", BigDecimal.valueOf(5), "resolution", rates.keySet().iterator().next());
    }
    if ("per_output_megapixel".equals(mode)) {
      return Map.of(
          "outputWidth", BigDecimal.valueOf(2048), "outputHeight", BigDecimal.valueOf(2048));
    }
    return Map.of();
  }
}
