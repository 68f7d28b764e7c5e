package io.tally.billing.subscription;

import io.tally.billing.api.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Calendar-month periods anchored on the instant a subscription started. Period {@code n} starts at
 * anchor + n months, each computed from the anchor (not from the previous period), so a
 * subscription started on 31 January runs to 28 (or 29) February, then to 31 March.
 */
final class Periods {

  private Periods() {}

  static Instant start(Instant anchor, int index) {
    return anchor.atZone(ZoneOffset.UTC).plusMonths(index).toInstant();
  }

  /** The index of the period that contains {@code now} (0 before the anchor). */
  static int indexAt(Instant anchor, Instant now) {
    ZonedDateTime from = anchor.atZone(ZoneOffset.UTC);
    int index = (int) Math.max(0, ChronoUnit.MONTHS.between(from, now.atZone(ZoneOffset.UTC)) - 1);
    while (!start(anchor, index + 1).isAfter(now)) {
      index++;
    }
    return index;
  }

  /**
   * {@code difference} × the part of the period [start, end) still to run at {@code now}, to the
   * millisecond, rounded half-up to micro-dollars.
   */
  static BigDecimal prorate(BigDecimal difference, Instant now, Instant start, Instant end) {
    long remaining = Math.max(0, Duration.between(now, end).toMillis());
    long total = Duration.between(start, end).toMillis();
    return difference
        .multiply(BigDecimal.valueOf(remaining))
        .divide(BigDecimal.valueOf(total), Money.SCALE, RoundingMode.HALF_UP);
  }
}
