package io.tally.billing.api;

import java.time.LocalDate;

/** Usage per model, read from daily rollups. */
public interface UsageReportService {

  /** Calls, duration, average duration and cost per model between two UTC days, inclusive. */
  UsageReport report(long accountId, LocalDate from, LocalDate to);
}
