package io.tally.billing.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PeriodsTest {

  private static final Instant JAN_31 = Instant.parse("2028-01-31T10:15:30Z");

  @Test
  void monthEndsStayAnchoredOnTheStartDay() {
    assertEquals(Instant.parse("2028-02-29T10:15:30Z"), Periods.start(JAN_31, 1));
    assertEquals(Instant.parse("2028-03-31T10:15:30Z"), Periods.start(JAN_31, 2));
    assertEquals(Instant.parse("2028-04-30T10:15:30Z"), Periods.start(JAN_31, 3));
    assertEquals(Instant.parse("2029-02-28T10:15:30Z"), Periods.start(JAN_31, 13));
  }

  @Test
  void indexAtIsThePeriodContainingNow() {
    assertEquals(0, Periods.indexAt(JAN_31, JAN_31));
    assertEquals(0, Periods.indexAt(JAN_31, Instant.parse("2028-02-29T10:15:29Z")));
    assertEquals(1, Periods.indexAt(JAN_31, Instant.parse("2028-02-29T10:15:30Z")));
    assertEquals(1, Periods.indexAt(JAN_31, Instant.parse("2028-03-31T10:15:29Z")));
    assertEquals(2, Periods.indexAt(JAN_31, Instant.parse("2028-03-31T10:15:30Z")));
    assertEquals(13, Periods.indexAt(JAN_31, Instant.parse("2029-03-01T00:00:00Z")));
  }

  @Test
  void prorationIsTheRemainingShareToTheMillisecondRoundedHalfUp() {
    Instant start = Instant.parse("2028-04-01T00:00:00Z");
    Instant end = Instant.parse("2028-05-01T00:00:00Z");
    assertEquals(
        new BigDecimal("20.000000"),
        Periods.prorate(new BigDecimal("40"), Instant.parse("2028-04-16T00:00:00Z"), start, end));
    // 40 × 1 ms / 2,592,000,000 ms = 0.0000000154…: rounds to zero micro-dollars.
    assertEquals(
        new BigDecimal("0.000000"),
        Periods.prorate(new BigDecimal("40"), end.minusMillis(1), start, end));
    // 40 × 1/3 of the period = 13.3333333…
    assertEquals(
        new BigDecimal("13.333333"),
        Periods.prorate(new BigDecimal("40"), Instant.parse("2028-04-21T00:00:00Z"), start, end));
    assertEquals(new BigDecimal("0.000000"), Periods.prorate(BigDecimal.TEN, end, start, end));
  }
}
