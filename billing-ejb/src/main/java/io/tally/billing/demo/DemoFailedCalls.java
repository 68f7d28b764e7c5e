package io.tally.billing.demo;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.CallOutcome;
import io.tally.billing.api.CallPart;
import io.tally.billing.api.ChargingService;
import io.tally.billing.api.UsageEvent;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The demo customer's failed calls over the last few days, across the demo models, so the usage
 * page shows failures beside the calls. They are charged through the same service as the API (a
 * failed call costs nothing under the demo's prices) and seeded once: a demo that has them already
 * is left alone. A startup bean of its own, after {@link DemoData}: that one's catalog is committed
 * only once its start has ended, and pricing a call must see it.
 */
@Startup
@Singleton
@DependsOn("DemoData")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DemoFailedCalls {

  private static final Logger LOG = Logger.getLogger(DemoFailedCalls.class.getName());

  /** How far back the demo's first prices start, so calls of the last few days have a price. */
  static final Duration HISTORY = Duration.ofDays(7);

  private static final String FIRST = "demo-failed-0";

  /** One failed call: which model, how many days ago, what it ran and waited. */
  private record Failed(
      String model,
      int daysAgo,
      Long durationMs,
      Map<String, Object> parameters,
      long queueMs,
      long coldStartMs) {}

  private static final List<Failed> CALLS =
      List.of(
          new Failed("flux-schnell", 3, null, Map.of(), 0, 0),
          new Failed("sdxl", 3, 2_400L, Map.of(), 1_200, 18_000),
          new Failed("wan-2.1-t2v", 2, null, Map.of("seconds", 5, "resolution", "480p"), 0, 42_000),
          new Failed("flux-dev", 2, null, Map.of("numImages", 2), 300, 0),
          new Failed("kling-1.6-pro", 1, null, Map.of("seconds", 5, "resolution", "720p"), 0, 0),
          new Failed("hunyuan-video", 1, 31_000L, Map.of(), 2_000, 65_000),
          new Failed(
              "real-esrgan", 1, null, Map.of("outputWidth", 4096, "outputHeight", 4096), 0, 0),
          new Failed("clarity-upscaler", 0, 5_200L, Map.of(), 0, 9_500));

  @Inject
  @ConfigProperty(name = "tally.demo.enabled", defaultValue = "false")
  boolean enabled;

  @PersistenceContext EntityManager em;

  @Inject DemoPrices prices;

  @Inject ChargingService charging;

  @Inject Clock clock;

  @PostConstruct
  void seed() {
    if (!enabled) {
      return;
    }
    prices.startFirstPricesBy(
        CALLS.stream().map(Failed::model).distinct().toList(), clock.instant().minus(HISTORY));
    charge(
        em.createQuery("SELECT a.id FROM Account a WHERE a.email = :email", Long.class)
            .setParameter("email", DemoData.CUSTOMER_EMAIL)
            .getSingleResult());
  }

  /**
   * Charges the demo customer's failed calls, unless it has them already. One the server refuses is
   * logged and the others go on: demo calls must not stop the demo.
   */
  private void charge(long accountId) {
    boolean seeded =
        !em.createQuery(
                "SELECT c.id FROM Charge c WHERE c.accountId = :account AND c.requestId = :first",
                Long.class)
            .setParameter("account", accountId)
            .setParameter("first", FIRST)
            .getResultList()
            .isEmpty();
    if (seeded) {
      return;
    }
    Instant now = clock.instant();
    for (int i = 0; i < CALLS.size(); i++) {
      Failed call = CALLS.get(i);
      CallPart part =
          new CallPart(
              call.model(),
              call.durationMs(),
              call.parameters(),
              CallOutcome.FAILED,
              call.queueMs(),
              call.coldStartMs());
      Instant startedAt = now.minus(Duration.ofDays(call.daysAgo())).minusSeconds(600L * i);
      try {
        charging.charge(
            new UsageEvent("demo-failed-" + i, accountId, null, List.of(part), null, startedAt));
      } catch (BillingException refused) {
        LOG.log(
            Level.WARNING, "demo failed call " + i + " on " + call.model() + " refused", refused);
      }
    }
    LOG.info("demo data: " + CALLS.size() + " failed calls over the last days");
  }
}
