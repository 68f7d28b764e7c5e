package io.tally.billing.web.usage;

import io.tally.billing.api.BillingException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** The days a usage report covers (UTC, inclusive): at most a year, the start not after the end. */
public record UsageRange(LocalDate from, LocalDate to) {

  static final int MAX_DAYS = 366;

  public UsageRange {
    if (from == null) {
      throw BillingException.missing("from");
    }
    if (to == null) {
      throw BillingException.missing("to");
    }
    if (from.isAfter(to)) {
      throw BillingException.invalid("to", "the end date must not be before the start date");
    }
    if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
      throw BillingException.invalid("to", "a report covers at most " + MAX_DAYS + " days");
    }
  }

  /** The first day of this month to today. */
  public static UsageRange thisMonth(LocalDate today) {
    return new UsageRange(today.withDayOfMonth(1), today);
  }
}
