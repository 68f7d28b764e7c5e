package io.tally.billing.invoice;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.api.InvoicePayment;
import io.tally.billing.api.InvoiceService;
import io.tally.billing.api.InvoiceView;
import io.tally.billing.api.Money;
import io.tally.billing.platform.Database;
import jakarta.annotation.Resource;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Reading invoices, and paying them through {@link InvoicePayer}. */
@Stateless
@LocalBean
@Local(InvoiceService.class)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Invoices implements InvoiceService {

  private static final String SELECT =
      "SELECT id, number, account_id, month, status, total, issued_at, paid_at FROM invoice ";

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  @Inject InvoicePayer payer;

  @Override
  public List<InvoiceView> list(long accountId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(SELECT + "WHERE account_id = ? ORDER BY month DESC")) {
      select.setLong(1, accountId);
      List<InvoiceView> invoices = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          invoices.add(view(connection, rows));
        }
      }
      return invoices;
    } catch (SQLException e) {
      throw new IllegalStateException("could not read invoices", e);
    }
  }

  @Override
  public InvoiceView find(long invoiceId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(SELECT + "WHERE id = ?")) {
      select.setLong(1, invoiceId);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          throw new BillingException(ErrorCode.INVOICE_NOT_FOUND, "no invoice " + invoiceId);
        }
        return view(connection, row);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read invoice " + invoiceId, e);
    }
  }

  @Override
  public PaymentOutcome pay(InvoicePayment payment) {
    boolean replay = payer.pay(payment);
    return new PaymentOutcome(find(payment.invoiceId()), replay);
  }

  private static InvoiceView view(Connection connection, ResultSet row) throws SQLException {
    long id = row.getLong(1);
    return new InvoiceView(
        id,
        row.getString(2),
        row.getLong(3),
        row.getString(4),
        row.getString(5),
        lines(connection, id),
        Money.format(row.getBigDecimal(6)),
        Database.format(row.getObject(7, LocalDateTime.class)),
        Database.format(row.getObject(8, LocalDateTime.class)));
  }

  private static List<InvoiceView.Line> lines(Connection connection, long invoiceId)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT model_id, calls, total_duration_ms, amount FROM invoice_line"
                + " WHERE invoice_id = ? ORDER BY amount DESC, model_id")) {
      select.setLong(1, invoiceId);
      List<InvoiceView.Line> lines = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          long durationMs = rows.getLong(3);
          lines.add(
              new InvoiceView.Line(
                  rows.getString(1),
                  rows.getLong(2),
                  durationMs,
                  BigDecimal.valueOf(durationMs, 3).toPlainString(),
                  Money.format(rows.getBigDecimal(4))));
        }
      }
      return lines;
    }
  }
}
