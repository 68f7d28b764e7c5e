package io.tally.billing.invoice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class InvoiceMonthsTest {

  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @Test
  void inUtcAMonthIsDueTheMomentItEnds() {
    assertEquals(
        YearMonth.of(2026, 9),
        InvoiceMonths.lastDue(at("2026-10-31T23:59:59.999Z"), ZoneOffset.UTC));
    assertEquals(
        YearMonth.of(2026, 10), InvoiceMonths.lastDue(at("2026-11-01T00:00:00Z"), ZoneOffset.UTC));
  }

  @Test
  void aheadOfUtcAMonthWaitsForItsLastUtcRollupDay() {
    // 1 November 02:00 in Tokyo: October is over there, but its last UTC day is still running.
    assertEquals(YearMonth.of(2026, 9), InvoiceMonths.lastDue(at("2026-10-31T17:00:00Z"), TOKYO));
    assertEquals(YearMonth.of(2026, 10), InvoiceMonths.lastDue(at("2026-11-01T00:00:00Z"), TOKYO));
  }

  @Test
  void behindUtcAMonthWaitsForItsEndInTheZone() {
    assertEquals(
        YearMonth.of(2026, 9), InvoiceMonths.lastDue(at("2026-11-01T03:59:59Z"), NEW_YORK));
    assertEquals(
        YearMonth.of(2026, 10), InvoiceMonths.lastDue(at("2026-11-01T04:00:00Z"), NEW_YORK));
  }

  @Test
  void januaryInvoicesDecember() {
    assertEquals(
        YearMonth.of(2026, 12), InvoiceMonths.lastDue(at("2027-01-15T12:00:00Z"), ZoneOffset.UTC));
  }

  @Test
  void aMonthStartsAtMidnightOfItsFirstUtcDay() {
    assertEquals(at("2026-02-01T00:00:00Z"), InvoiceMonths.start(YearMonth.of(2026, 2)));
    assertEquals(YearMonth.of(2026, 1), InvoiceMonths.of(at("2026-01-31T23:59:59Z")));
  }

  private static Instant at(String text) {
    return Instant.parse(text);
  }
}
