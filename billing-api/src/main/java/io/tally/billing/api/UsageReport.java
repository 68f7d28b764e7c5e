package io.tally.billing.api;

import java.util.List;

/** An account's usage per model over a date range (inclusive, UTC days), read from rollups. */
public record UsageReport(long accountId, String from, String to, List<Line> models, Line totals) {

  /**
   * Calls, seconds and cost of one model, or of all of them. {@code calls} counts every call,
   * {@code failedCalls} those of them that failed; the duration and its average are the succeeded
   * calls' only, so a failure does not make a model look faster.
   */
  public record Line(
      String model,
      long calls,
      long failedCalls,
      long totalDurationMs,
      long averageDurationMs,
      String amount) {}
}
