package io.tally.billing.api;

import java.time.LocalDate;
import java.util.List;

/** Usage per model, read from daily rollups. */
public interface UsageReportService {

  /** Calls, duration, average duration and cost per model between two UTC days, inclusive. */
  UsageReport report(long accountId, LocalDate from, LocalDate to);

  /** Cost per model per UTC day between two days, inclusive, oldest first; from the rollups. */
  List<UsageDay> daily(long accountId, LocalDate from, LocalDate to);
}
