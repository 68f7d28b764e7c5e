package io.tally.billing.web.usage;

import io.tally.billing.api.UsageReport;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The usage table as both the page and the CSV show it, computed once so they cannot disagree: per
 * model the calls and how many of them failed, total and average seconds (succeeded calls only),
 * cost and share of the range's spend.
 */
public record UsageTable(List<Row> rows, Row totals) {

  /** One model's line; the totals line has no model. */
  public record Row(
      String model,
      long calls,
      long failedCalls,
      BigDecimal totalSeconds,
      BigDecimal averageSeconds,
      BigDecimal amount,
      BigDecimal sharePercent) {}

  public static UsageTable of(UsageReport report) {
    BigDecimal spend = new BigDecimal(report.totals().amount());
    return new UsageTable(
        report.models().stream().map(line -> row(line, spend)).toList(),
        row(report.totals(), spend));
  }

  private static Row row(UsageReport.Line line, BigDecimal spend) {
    BigDecimal amount = new BigDecimal(line.amount());
    BigDecimal share =
        spend.signum() == 0
            ? BigDecimal.ZERO.setScale(2)
            : amount.multiply(BigDecimal.valueOf(100)).divide(spend, 2, RoundingMode.HALF_UP);
    return new Row(
        line.model(),
        line.calls(),
        line.failedCalls(),
        BigDecimal.valueOf(line.totalDurationMs(), 3),
        BigDecimal.valueOf(line.averageDurationMs(), 3),
        amount,
        share);
  }
}
