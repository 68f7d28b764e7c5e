package io.tally.billing.invoice;

import static io.tally.billing.platform.Database.utc;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.api.InvoicePayment;
import io.tally.billing.ledger.EntryKind;
import io.tally.billing.ledger.LedgerWriter;
import io.tally.billing.ledger.Posting;
import io.tally.billing.payment.PaymentGateway;
import io.tally.billing.payment.PaymentRequest;
import io.tally.billing.payment.PaymentResult;
import io.tally.billing.platform.Database;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Pays one invoice in one transaction, holding the invoice's row lock, so two payments of one
 * invoice take turns and the second finds it paid. The card is charged with a key naming the
 * invoice and the caller's Idempotency-Key (a retry after a lost answer does not charge it twice);
 * the ledger credit's key names the invoice alone, so an invoice credits its account at most once.
 */
@Stateless
public class InvoicePayer {

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  @Inject PaymentGateway gateway;

  @Inject LedgerWriter writer;

  @Inject Clock clock;

  private record Locked(
      long accountId, String number, String status, BigDecimal total, String key) {}

  /** Pays the invoice; answers true when the Idempotency-Key had paid it already. */
  public boolean pay(InvoicePayment payment) {
    try (Connection connection = dataSource.getConnection()) {
      Locked invoice = lock(connection, payment.invoiceId());
      if (InvoiceStatus.PAID.name().equals(invoice.status())) {
        if (payment.idempotencyKey().equals(invoice.key())) {
          return true;
        }
        throw new BillingException(
            ErrorCode.INVOICE_ALREADY_PAID, "invoice " + invoice.number() + " is paid");
      }
      String paymentId = payment.byBankTransfer() ? null : charge(payment, invoice);
      writer.post(
          new Posting(
              invoice.accountId(),
              invoice.total(),
              EntryKind.INVOICE_PAYMENT,
              "invoice "
                  + invoice.number()
                  + " paid by "
                  + (payment.byBankTransfer() ? "bank transfer" : "card " + paymentId),
              "invoice:" + payment.invoiceId(),
              payment.actor(),
              Posting.Guard.NONE));
      markPaid(connection, payment, paymentId);
      return false;
    } catch (SQLException e) {
      throw new IllegalStateException("could not pay invoice " + payment.invoiceId(), e);
    }
  }

  private String charge(InvoicePayment payment, Locked invoice) {
    PaymentResult result =
        gateway.pay(
            new PaymentRequest(
                invoice.accountId(),
                invoice.total(),
                payment.paymentMethod(),
                "invoice:" + payment.invoiceId() + ":" + payment.idempotencyKey(),
                "Tally invoice " + invoice.number()));
    return switch (result.outcome()) {
      case SUCCEEDED -> result.paymentId();
      case DECLINED ->
          throw new BillingException(
              ErrorCode.INVOICE_PAYMENT_DECLINED,
              result.message(),
              "paymentMethod",
              Map.of("declineCode", result.code()));
      case FAILED ->
          throw new BillingException(
              ErrorCode.INVOICE_PAYMENT_FAILED,
              "the payment processor did not complete the payment: " + result.message(),
              null,
              Map.of("declineCode", result.code()));
    };
  }

  private static Locked lock(Connection connection, long invoiceId) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT account_id, number, status, total, payment_key FROM invoice WHERE id = ?"
                + " FOR UPDATE")) {
      select.setLong(1, invoiceId);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          throw new BillingException(ErrorCode.INVOICE_NOT_FOUND, "no invoice " + invoiceId);
        }
        return new Locked(
            row.getLong(1),
            row.getString(2),
            row.getString(3),
            row.getBigDecimal(4),
            row.getString(5));
      }
    }
  }

  private void markPaid(Connection connection, InvoicePayment payment, String paymentId)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE invoice SET status = ?, paid_at = ?, payment_method = ?, payment_id = ?,"
                + " payment_key = ? WHERE id = ?")) {
      update.setString(1, InvoiceStatus.PAID.name());
      update.setObject(2, utc(clock.instant()));
      update.setString(3, payment.paymentMethod());
      update.setString(4, paymentId);
      update.setString(5, payment.idempotencyKey());
      update.setLong(6, payment.invoiceId());
      update.executeUpdate();
    }
  }
}
