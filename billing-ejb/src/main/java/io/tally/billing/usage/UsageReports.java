package io.tally.billing.usage;

import io.tally.billing.api.Money;
import io.tally.billing.api.UsageDay;
import io.tally.billing.api.UsageReport;
import io.tally.billing.api.UsageReportService;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

/** Usage per model over a range of days, summed from the daily rollups. */
@Stateless
public class UsageReports implements UsageReportService {

  @PersistenceContext EntityManager em;

  @Override
  public UsageReport report(long accountId, LocalDate from, LocalDate to) {
    List<UsageReport.Line> models =
        em
            .createQuery(
                "SELECT r.model, SUM(r.calls), SUM(r.failedCalls), SUM(r.totalDurationMs),"
                    + " SUM(r.amount)"
                    + " FROM UsageRollup r WHERE r.accountId = :account AND r.day BETWEEN :from AND :to"
                    + " GROUP BY r.model ORDER BY SUM(r.amount) DESC, r.model",
                Object[].class)
            .setParameter("account", accountId)
            .setParameter("from", from)
            .setParameter("to", to)
            .getResultList()
            .stream()
            .map(
                row ->
                    line(
                        (String) row[0],
                        ((Number) row[1]).longValue(),
                        ((Number) row[2]).longValue(),
                        ((Number) row[3]).longValue(),
                        (BigDecimal) row[4]))
            .toList();
    UsageReport.Line totals =
        line(
            null,
            models.stream().mapToLong(UsageReport.Line::calls).sum(),
            models.stream().mapToLong(UsageReport.Line::failedCalls).sum(),
            models.stream().mapToLong(UsageReport.Line::totalDurationMs).sum(),
            models.stream()
                .map(m -> new BigDecimal(m.amount()))
                .reduce(Money.ZERO, BigDecimal::add));
    return new UsageReport(accountId, from.toString(), to.toString(), models, totals);
  }

  @Override
  public List<UsageDay> daily(long accountId, LocalDate from, LocalDate to) {
    return em
        .createQuery(
            "SELECT r.day, r.model, r.amount FROM UsageRollup r"
                + " WHERE r.accountId = :account AND r.day BETWEEN :from AND :to"
                + " ORDER BY r.day, r.model",
            Object[].class)
        .setParameter("account", accountId)
        .setParameter("from", from)
        .setParameter("to", to)
        .getResultList()
        .stream()
        .map(
            row ->
                new UsageDay(row[0].toString(), (String) row[1], Money.format((BigDecimal) row[2])))
        .toList();
  }

  /**
   * The average is the succeeded calls' (the duration sum holds only theirs), in whole milliseconds
   * rounded half-up, like every duration Tally shows.
   */
  private static UsageReport.Line line(
      String model, long calls, long failed, long durationMs, BigDecimal amount) {
    long succeeded = calls - failed;
    long average =
        succeeded <= 0
            ? 0
            : BigDecimal.valueOf(durationMs)
                .divide(BigDecimal.valueOf(succeeded), 0, RoundingMode.HALF_UP)
                .longValueExact();
    return new UsageReport.Line(model, calls, failed, durationMs, average, Money.format(amount));
  }
}
