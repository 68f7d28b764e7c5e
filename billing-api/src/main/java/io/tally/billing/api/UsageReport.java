package io.tally.billing.api;

import java.util.List;

/** An account's usage per model over a date range (inclusive, UTC days), read from rollups. */
public record UsageReport(long accountId, String from, String to, List<Line> models, Line totals) {

  /** Calls, seconds and cost of one model, or of all of them. */
  public record Line(
      String model, long calls, long totalDurationMs, long averageDurationMs, String amount) {}
}
