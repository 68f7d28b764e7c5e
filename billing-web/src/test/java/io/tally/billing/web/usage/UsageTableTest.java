package io.tally.billing.web.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.UsageReport;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageTableTest {

  @Test
  void givesEachModelItsSecondsAverageAndShareOfSpend() {
    UsageReport report =
        new UsageReport(
            1,
            "2026-05-01",
            "2026-05-31",
            List.of(
                new UsageReport.Line("a", 4, 1, 7500, 2500, "0.030000"),
                new UsageReport.Line("b", 1, 0, 250, 250, "0.010000")),
            new UsageReport.Line(null, 5, 1, 7750, 1938, "0.040000"));

    UsageTable table = UsageTable.of(report);

    UsageTable.Row a = table.rows().get(0);
    assertEquals(4, a.calls());
    assertEquals(1, a.failedCalls());
    assertEquals(1, table.totals().failedCalls());
    assertEquals(new BigDecimal("7.500"), a.totalSeconds());
    assertEquals(new BigDecimal("2.500"), a.averageSeconds());
    assertEquals(new BigDecimal("75.00"), a.sharePercent());
    assertEquals(new BigDecimal("25.00"), table.rows().get(1).sharePercent());
    assertEquals(new BigDecimal("100.00"), table.totals().sharePercent());
  }

  @Test
  void aRangeWithoutSpendHasNoShares() {
    UsageReport report =
        new UsageReport(
            1,
            "2026-05-01",
            "2026-05-31",
            List.of(),
            new UsageReport.Line(null, 0, 0, 0, 0, "0.000000"));

    assertEquals(new BigDecimal("0.00"), UsageTable.of(report).totals().sharePercent());
  }

  @Test
  void refusesARangeThatEndsBeforeItStartsOrSpansMoreThanAYear() {
    LocalDate may = LocalDate.of(2026, 5, 1);
    assertEquals(
        "to",
        assertThrows(BillingException.class, () -> new UsageRange(may, may.minusDays(1))).field());
    assertEquals(
        "to",
        assertThrows(BillingException.class, () -> new UsageRange(may, may.plusDays(366))).field());
    assertEquals(may, UsageRange.thisMonth(LocalDate.of(2026, 5, 17)).from());
  }
}
