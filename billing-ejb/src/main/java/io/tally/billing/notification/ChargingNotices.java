package io.tally.billing.notification;

import io.tally.billing.ledger.BalanceLowered;
import io.tally.billing.ledger.DebitRefused;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Watches charging for the two notices it causes. These observers run on the gateway's hot path, so
 * the common case costs no database round trip: a low balance is decided from the event alone (did
 * this debit cross the threshold?), and a refusal is told at most once per account and UTC day,
 * which a map here remembers so a flood of 402s reaches the database once per server. The notices
 * themselves are written on another thread; their event keys make them exactly-once across servers.
 */
@ApplicationScoped
public class ChargingNotices {

  /** Beyond this many remembered accounts the memory starts again (the keys still dedupe). */
  private static final int MAX_REMEMBERED = 100_000;

  private final Map<Long, LocalDate> refusedToday = new ConcurrentHashMap<>();

  @Inject ChargingNoticeWriter writer;

  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "tally.notifications.low-balance-threshold", defaultValue = "0.20")
  BigDecimal threshold;

  void lowered(@Observes BalanceLowered lowered) {
    if (lowered.crossedBelow(threshold)) {
      writer.lowBalance(lowered, threshold);
    }
  }

  void refused(@Observes DebitRefused refused) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    if (today.equals(refusedToday.put(refused.accountId(), today))) {
      return;
    }
    if (refusedToday.size() > MAX_REMEMBERED) {
      refusedToday.clear();
    }
    writer.outOfCredits(refused, today);
  }
}
