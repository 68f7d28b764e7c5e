package io.tally.billing.payment;

import io.tally.billing.ledger.BalanceLowered;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Starts an auto-recharge when a charge takes a balance below the account's threshold.
 *
 * <p>This observes every committed charge, on the gateway's hot path, so it must not read the
 * database per charge. It keeps each account's threshold in memory for a few seconds
 * (configurable), forgotten at once on this server when the settings are saved. Keeping the
 * threshold on the account row and reading it in the ledger writer's balance query would cost no
 * extra read at all, but would widen the ledger's hot query, its result and the event for a feature
 * most accounts never turn on; the cache costs one read per account per interval and touches
 * nothing shared. A stale threshold (settings saved on another server moments ago) cannot start a
 * wrong recharge: the database re-checks the crossing against the stored settings when it disarms,
 * and only the first observer of a crossing disarms it, so 64 charges crossing at once, or two
 * servers, start one recharge. The payment then runs on another thread.
 */
@ApplicationScoped
public class AutoRechargeTrigger {

  private static final Logger LOG = Logger.getLogger(AutoRechargeTrigger.class.getName());

  private final ConcurrentHashMap<Long, Cached> thresholds = new ConcurrentHashMap<>();

  @Inject AutoRechargeSettings settings;

  @Inject RechargeBook book;

  @Inject RechargeRunner runner;

  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "tally.auto-recharge.cache-seconds", defaultValue = "10")
  long cacheSeconds;

  void onBalanceLowered(@Observes BalanceLowered lowered) {
    try {
      Optional<BigDecimal> threshold = threshold(lowered.accountId());
      if (threshold.isPresent() && lowered.crossedBelow(threshold.get())) {
        Long recharge = book.arm(lowered);
        if (recharge != null) {
          runner.executeLater(recharge);
        }
      }
    } catch (RuntimeException e) {
      // The charge has committed; its caller must not see a failure of auto-recharge.
      LOG.log(Level.SEVERE, "auto-recharge of account " + lowered.accountId() + " failed", e);
    }
  }

  /** Drops the account's cached threshold, after its settings were saved. */
  public void forget(long accountId) {
    thresholds.remove(accountId);
  }

  private Optional<BigDecimal> threshold(long accountId) {
    Instant now = clock.instant();
    Cached cached = thresholds.get(accountId);
    if (cached == null || now.isAfter(cached.until())) {
      cached = new Cached(settings.threshold(accountId), now.plusSeconds(cacheSeconds));
      thresholds.put(accountId, cached);
    }
    return cached.threshold();
  }

  private record Cached(Optional<BigDecimal> threshold, Instant until) {}
}
