package io.tally.billing.invoice;

import static io.tally.billing.platform.Database.utc;

import io.tally.billing.api.Money;
import io.tally.billing.api.NotificationType;
import io.tally.billing.notification.Notice;
import io.tally.billing.notification.Notifications;
import io.tally.billing.platform.Database;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Issues one invoice in one transaction: its lines are the month's usage rollups per model, its
 * total their sum. An invoice with nothing to pay is issued paid. The unique (account, month) key
 * makes a second issue of the same invoice a no-op.
 */
@Stateless
public class InvoiceIssuer {

  private static final DateTimeFormatter NUMBER_MONTH = DateTimeFormatter.ofPattern("yyyyMM");

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  @Inject Notifications notifications;

  @Inject Clock clock;

  private record Line(String model, long calls, long durationMs, BigDecimal amount) {}

  /** Issues the account's invoice for {@code month}; answers false when it exists already. */
  public boolean issue(long accountId, YearMonth month) {
    Instant now = clock.instant();
    try (Connection connection = dataSource.getConnection()) {
      List<Line> lines = lines(connection, accountId, month);
      BigDecimal total = lines.stream().map(Line::amount).reduce(Money.ZERO, BigDecimal::add);
      String number = "INV-" + month.format(NUMBER_MONTH) + "-" + accountId;
      long id;
      try {
        id = insert(connection, accountId, month, number, total, now);
      } catch (SQLException e) {
        if (Database.isDuplicateKey(e)) {
          return false;
        }
        throw e;
      }
      insertLines(connection, id, lines);
      notifications.tell(
          new Notice(
              accountId,
              NotificationType.INVOICE_ISSUED,
              "invoice-issued:" + month,
              "Invoice " + number + " for " + month + ": $" + Money.format(total),
              "Your invoice "
                  + number
                  + " for "
                  + month
                  + " is ready: "
                  + lines.size()
                  + " model(s), total $"
                  + Money.format(total)
                  + "."));
      return true;
    } catch (SQLException e) {
      throw new IllegalStateException(
          "could not issue the " + month + " invoice of account " + accountId, e);
    }
  }

  private static List<Line> lines(Connection connection, long accountId, YearMonth month)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT model_id, SUM(calls), SUM(total_duration_ms), SUM(amount) FROM usage_rollup"
                + " WHERE account_id = ? AND day BETWEEN ? AND ? GROUP BY model_id")) {
      select.setLong(1, accountId);
      select.setObject(2, InvoiceMonths.firstDay(month));
      select.setObject(3, InvoiceMonths.lastDay(month));
      List<Line> lines = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          lines.add(
              new Line(rows.getString(1), rows.getLong(2), rows.getLong(3), rows.getBigDecimal(4)));
        }
      }
      return lines;
    }
  }

  private static long insert(
      Connection connection,
      long accountId,
      YearMonth month,
      String number,
      BigDecimal total,
      Instant now)
      throws SQLException {
    boolean nothingToPay = total.signum() == 0;
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO invoice (account_id, month, number, status, total, issued_at, paid_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      insert.setLong(1, accountId);
      insert.setString(2, month.toString());
      insert.setString(3, number);
      insert.setString(4, nothingToPay ? InvoiceStatus.PAID.name() : InvoiceStatus.OPEN.name());
      insert.setBigDecimal(5, total);
      insert.setObject(6, utc(now));
      insert.setObject(7, nothingToPay ? utc(now) : null);
      insert.executeUpdate();
      return Database.generatedId(insert);
    }
  }

  private static void insertLines(Connection connection, long invoiceId, List<Line> lines)
      throws SQLException {
    if (lines.isEmpty()) {
      return;
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO invoice_line (invoice_id, model_id, calls, total_duration_ms, amount)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      for (Line line : lines) {
        insert.setLong(1, invoiceId);
        insert.setString(2, line.model());
        insert.setLong(3, line.calls());
        insert.setLong(4, line.durationMs());
        insert.setBigDecimal(5, line.amount());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }
}
