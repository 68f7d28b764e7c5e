package io.tally.billing.invoice;

import static io.tally.billing.platform.Database.utc;

import io.tally.billing.api.AuditAction;
import io.tally.billing.api.BillingException;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.api.InvoicePayment;
import io.tally.billing.api.Money;
import io.tally.billing.audit.AuditTrail;
import io.tally.billing.audit.Change;
import io.tally.billing.ledger.EntryKind;
import io.tally.billing.ledger.LedgerWriter;
import io.tally.billing.ledger.Posting;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The short transactions of paying an invoice, each holding the invoice's row lock: {@link #start}
 * records which Idempotency-Key and card pay it (status PENDING, committed before the card is
 * charged), {@link #finish} records what the processor answered. The card is charged between them
 * with no lock held. While PENDING only its own key may pay it, so a customer retrying with a new
 * key cannot pay twice; the ledger credit's key names the invoice alone, so an invoice credits its
 * account at most once.
 */
@Stateless
public class InvoicePaymentStore {

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  @Inject LedgerWriter writer;

  @Inject Clock clock;

  @Inject AuditTrail audit;

  /** An invoice as locked: its state and the key and card that pay it, if any. */
  public record Locked(
      long id,
      long accountId,
      String number,
      InvoiceStatus status,
      BigDecimal total,
      String key,
      String paymentMethod) {

    /** What the card is charged: the total rounded up to whole cents ({@link Money#toCents}). */
    BigDecimal cardAmount() {
      return Money.toCents(total);
    }
  }

  /** What {@link #start} decided. */
  public enum Start {
    /** The card is to be charged: PENDING is recorded under this key. */
    CHARGE,
    /** This key's payment is PENDING: the processor is asked again under the same key. */
    ASK_AGAIN,
    /** Paid now by bank transfer. */
    PAID,
    /** This key paid the invoice before: a replay. */
    REPLAY
  }

  /** The decision and the invoice it was made on. */
  public record Started(Start start, Locked invoice) {}

  /**
   * Decides what a payment request does to the invoice: a replay of the key that paid it, a new
   * payment of an open invoice (bank transfer: paid now; card: PENDING under this key), or asking
   * again about this key's pending payment. Refuses another key on a paid (409 paid) or pending
   * (409 pending) invoice, and this key with another payment method (422).
   */
  public Started start(InvoicePayment payment) {
    try (Connection connection = dataSource.getConnection()) {
      Locked invoice = lock(connection, payment.invoiceId());
      boolean sameKey = payment.idempotencyKey().equals(invoice.key());
      if (sameKey && !payment.paymentMethod().equals(invoice.paymentMethod())) {
        throw new BillingException(
            ErrorCode.IDEMPOTENCY_KEY_REUSED,
            "this Idempotency-Key was used to pay invoice "
                + invoice.number()
                + " with "
                + invoice.paymentMethod(),
            "Idempotency-Key");
      }
      switch (invoice.status()) {
        case PAID -> {
          if (sameKey) {
            return new Started(Start.REPLAY, invoice);
          }
          throw new BillingException(
              ErrorCode.INVOICE_ALREADY_PAID, "invoice " + invoice.number() + " is paid");
        }
        case PENDING -> {
          if (sameKey) {
            return new Started(Start.ASK_AGAIN, invoice);
          }
          throw new BillingException(
              ErrorCode.INVOICE_PAYMENT_PENDING,
              "a card payment of invoice "
                  + invoice.number()
                  + " is pending under another Idempotency-Key: retry that key to learn how it"
                  + " ended");
        }
        default -> {
          mark(connection, invoice.id(), InvoiceStatus.PENDING, payment);
          Locked pending = lock(connection, invoice.id());
          if (payment.byBankTransfer()) {
            credit(connection, pending, invoice.total(), null, payment.actor());
            return new Started(Start.PAID, pending);
          }
          return new Started(Start.CHARGE, pending);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not pay invoice " + payment.invoiceId(), e);
    }
  }

  /**
   * Records the processor's answer to the payment under {@code key}, if the invoice is still
   * PENDING under it (a concurrent replay or the sweep may have finished it: then nothing changes).
   * A success credits the card amount and marks it PAID; a refusal opens it again; an unknown
   * outcome leaves it PENDING. Answers the invoice as it is afterwards.
   */
  public Locked finish(long invoiceId, String key, PaymentResult paid, String actor) {
    try (Connection connection = dataSource.getConnection()) {
      Locked invoice = lock(connection, invoiceId);
      if (invoice.status() != InvoiceStatus.PENDING || !key.equals(invoice.key())) {
        return invoice;
      }
      switch (paid.outcome()) {
        case SUCCEEDED ->
            credit(connection, invoice, invoice.cardAmount(), paid.paymentId(), actor);
        case DECLINED, FAILED -> mark(connection, invoiceId, InvoiceStatus.OPEN, null);
        case UNKNOWN -> {
          return invoice;
        }
      }
      return lock(connection, invoiceId);
    } catch (SQLException e) {
      throw new IllegalStateException("could not finish paying invoice " + invoiceId, e);
    }
  }

  /** Invoices whose card payment is PENDING since before {@code before}, for the sweep. */
  public List<Locked> pending(Instant before, int limit) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                SELECT
                    + " WHERE status = 'PENDING' AND payment_started_at < ?"
                    + " ORDER BY payment_started_at, id LIMIT ?")) {
      select.setObject(1, utc(before));
      select.setInt(2, limit);
      List<Locked> invoices = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          invoices.add(read(rows));
        }
      }
      return invoices;
    } catch (SQLException e) {
      throw new IllegalStateException("could not read pending invoice payments", e);
    }
  }

  private void credit(
      Connection connection, Locked invoice, BigDecimal amount, String paymentId, String actor)
      throws SQLException {
    BigDecimal balance =
        writer.post(
            new Posting(
                invoice.accountId(),
                amount,
                EntryKind.INVOICE_PAYMENT,
                "invoice "
                    + invoice.number()
                    + " paid by "
                    + (paymentId == null ? "bank transfer" : "card " + paymentId),
                "invoice:" + invoice.id(),
                actor,
                Posting.Guard.NONE));
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE invoice SET status = 'PAID', paid_at = ?, payment_id = ? WHERE id = ?")) {
      update.setObject(1, utc(clock.instant()));
      update.setString(2, paymentId);
      update.setLong(3, invoice.id());
      update.executeUpdate();
    }
    audit.record(paid(invoice, amount, paymentId, balance));
  }

  /**
   * An invoice paid, as the audit records it: by whoever finished the payment (the request that
   * paid it, or the sweep as the system), with the key that paid it.
   */
  private static Change paid(
      Locked invoice, BigDecimal amount, String paymentId, BigDecimal balance) {
    return new Change(
        AuditAction.INVOICE_PAID,
        Long.toString(invoice.id()),
        invoice.accountId(),
        Change.state(
            "number",
            invoice.number(),
            "total",
            Money.format(invoice.total()),
            "balance",
            Money.format(balance.subtract(amount))),
        Change.state(
            "status",
            InvoiceStatus.PAID.name(),
            "amount",
            Money.format(amount),
            "paymentMethod",
            invoice.paymentMethod(),
            "paymentId",
            paymentId,
            "balance",
            Money.format(balance)),
        invoice.key());
  }

  /** Sets the status, and the key and card of {@code payment} (none when null). */
  private void mark(
      Connection connection, long invoiceId, InvoiceStatus status, InvoicePayment payment)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE invoice SET status = ?, payment_key = ?, payment_method = ?,"
                + " payment_started_at = ? WHERE id = ?")) {
      update.setString(1, status.name());
      update.setString(2, payment == null ? null : payment.idempotencyKey());
      update.setString(3, payment == null ? null : payment.paymentMethod());
      update.setObject(4, payment == null ? null : utc(clock.instant()));
      update.setLong(5, invoiceId);
      update.executeUpdate();
    }
  }

  private static final String SELECT =
      "SELECT id, account_id, number, status, total, payment_key, payment_method FROM invoice";

  private static Locked lock(Connection connection, long invoiceId) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(SELECT + " WHERE id = ? FOR UPDATE")) {
      select.setLong(1, invoiceId);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          throw new BillingException(ErrorCode.INVOICE_NOT_FOUND, "no invoice " + invoiceId);
        }
        return read(row);
      }
    }
  }

  private static Locked read(ResultSet row) throws SQLException {
    return new Locked(
        row.getLong(1),
        row.getLong(2),
        row.getString(3),
        InvoiceStatus.valueOf(row.getString(4)),
        row.getBigDecimal(5),
        row.getString(6),
        row.getString(7));
  }
}
