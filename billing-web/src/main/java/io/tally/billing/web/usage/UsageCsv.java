package io.tally.billing.web.usage;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.UsageReportService;
import io.tally.billing.web.account.CurrentUser;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The usage table as CSV, for the signed-in customer's account (web.xml keeps it behind the
 * customer role with the other {@code /account/*} pages). Exact values: amounts in micro-dollars,
 * durations in seconds to the millisecond (succeeded calls only; failed calls counted apart).
 */
@WebServlet("/account/usage.csv")
public class UsageCsv extends HttpServlet {

  private static final long serialVersionUID = 1L;

  static final String HEADER =
      "model,calls,failed_calls,total_seconds,average_seconds,amount_usd,share_of_spend_percent";

  @Inject transient UsageReportService reports;

  @Inject transient CurrentUser user;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    UsageRange range;
    try {
      range = new UsageRange(day(request, "from"), day(request, "to"));
    } catch (BillingException refusal) {
      response.sendError(HttpServletResponse.SC_BAD_REQUEST, refusal.getMessage());
      return;
    }
    UsageTable table = UsageTable.of(reports.report(user.accountId(), range.from(), range.to()));
    response.setContentType("text/csv;charset=UTF-8");
    response.setHeader(
        "Content-Disposition",
        "attachment; filename=\"usage-" + range.from() + "-" + range.to() + ".csv\"");
    PrintWriter out = response.getWriter();
    out.print(HEADER + "\r\n");
    for (UsageTable.Row row : table.rows()) {
      out.print(line(row.model(), row) + "\r\n");
    }
    out.print(line("TOTAL", table.totals()) + "\r\n");
  }

  private static String line(String model, UsageTable.Row row) {
    return String.join(
        ",",
        model,
        Long.toString(row.calls()),
        Long.toString(row.failedCalls()),
        row.totalSeconds().toPlainString(),
        row.averageSeconds().toPlainString(),
        row.amount().toPlainString(),
        row.sharePercent().toPlainString());
  }

  private static LocalDate day(HttpServletRequest request, String name) {
    String text = request.getParameter(name);
    if (text == null || text.isBlank()) {
      throw BillingException.missing(name);
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw BillingException.invalid(name, name + " must be a date such as 2026-05-01");
    }
  }
}
