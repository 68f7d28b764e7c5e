package io.tally.billing.invoice;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Which months are due. Rollups are per UTC day, so an invoice month is a month of UTC days; it is
 * due when it has ended in the invoicing time zone (customers are invoiced after their month ends)
 * and in UTC (its last rollup day is complete).
 */
final class InvoiceMonths {

  private InvoiceMonths() {}

  /** The latest month whose invoices are due at {@code now}. */
  static YearMonth lastDue(Instant now, ZoneId zone) {
    YearMonth month = YearMonth.from(now.atZone(zone)).minusMonths(1);
    while (start(month.plusMonths(1)).isAfter(now)) {
      month = month.minusMonths(1);
    }
    return month;
  }

  /** The first instant of {@code month}'s first UTC day. */
  static Instant start(YearMonth month) {
    return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  static LocalDate firstDay(YearMonth month) {
    return month.atDay(1);
  }

  static LocalDate lastDay(YearMonth month) {
    return month.atEndOfMonth();
  }

  /** The month of an instant's UTC day. */
  static YearMonth of(Instant instant) {
    return YearMonth.from(instant.atZone(ZoneOffset.UTC));
  }
}
