package io.tally.billing.payment;

import static io.tally.billing.platform.Database.utc;

import io.tally.billing.api.AuditAction;
import io.tally.billing.api.Money;
import io.tally.billing.audit.AuditTrail;
import io.tally.billing.audit.Change;
import io.tally.billing.ledger.EntryKind;
import io.tally.billing.ledger.LedgerWriter;
import io.tally.billing.ledger.Posting;
import io.tally.billing.notification.Notifications;
import io.tally.billing.payment.RechargeRow.Origin;
import io.tally.billing.payment.RechargeRow.Status;
import io.tally.billing.platform.Database;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * How a recharge ends, in one transaction under the recharge's row lock: credited (the ledger, the
 * auto-recharge's re-arming, the notice and, for a customer's recharge, the audit entry), refused,
 * or left PENDING while the processor has not answered.
 */
@Stateless
public class RechargeCompletion {

  private static final String SUCCEEDED =
      "UPDATE recharge SET status = 'SUCCEEDED', payment_id = ?, balance_after = ?,"
          + " completed_at = ? WHERE id = ?";

  /** The processor did not say: the recharge stays PENDING, marked as waiting for its answer. */
  private static final String UNANSWERED =
      "UPDATE recharge SET error_code = ?, error_message = ? WHERE id = ? AND status = 'PENDING'";

  private static final String REFUSED =
      "UPDATE recharge SET status = ?, error_code = ?, error_message = ?, completed_at = ?"
          + " WHERE id = ?";

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  @Inject Clock clock;

  @Inject LedgerWriter writer;

  @Inject Notifications notifications;

  @Inject AuditTrail audit;

  /**
   * Finishes a PENDING recharge with the processor's answer: a success credits the ledger and
   * re-arms auto-recharge; a decline or failure is recorded, and turns auto-recharge off when it
   * was an auto-recharge; an unknown outcome leaves it PENDING, marked as unanswered, for a replay
   * of its key or the sweep to ask again. A recharge finished before (by a concurrent duplicate, a
   * replay or the sweep) is answered as it is: the row lock and its status decide, so it is
   * credited or refused exactly once.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public RechargeRow complete(long id, PaymentResult paid) {
    Instant now = clock.instant();
    try (Connection connection = dataSource.getConnection()) {
      RechargeRow row = lock(connection, id);
      if (row.status() != Status.PENDING) {
        return row;
      }
      if (paid.succeeded()) {
        credit(connection, row, paid.paymentId(), now);
      } else if (paid.unknown()) {
        unanswered(connection, row, paid);
      } else {
        refuse(connection, row, paid, now);
      }
      return RechargeBook.find(connection, id);
    } catch (SQLException e) {
      throw new IllegalStateException("could not finish a recharge", e);
    }
  }

  private void credit(Connection connection, RechargeRow row, String paymentId, Instant now)
      throws SQLException {
    BigDecimal balance =
        writer.post(
            new Posting(
                row.accountId(),
                row.amount(),
                EntryKind.RECHARGE,
                "card recharge, payment " + paymentId,
                row.ledgerKey(),
                row.origin() == Origin.AUTO ? "auto-recharge" : "customer",
                Posting.Guard.NONE));
    try (PreparedStatement update = connection.prepareStatement(SUCCEEDED)) {
      update.setString(1, paymentId);
      update.setBigDecimal(2, balance);
      update.setObject(3, utc(now));
      update.setLong(4, row.id());
      update.executeUpdate();
    }
    if (row.origin() == Origin.AUTO) {
      autoRecharge(connection, "armed = TRUE", row.accountId());
    } else {
      audit.record(credited(row, paymentId, balance));
    }
    notifications.tell(RechargeNotices.succeeded(row, balance));
  }

  /**
   * A customer's (or the service key's) recharge credited, as the audit records it: by whoever
   * finished it (the request, or the sweep as the system). Auto-recharges are Tally's own, told to
   * the customer and on the ledger; a declined card moves no money, so neither is audited.
   */
  private static Change credited(RechargeRow row, String paymentId, BigDecimal balance) {
    return new Change(
        AuditAction.RECHARGE_CREDITED,
        Long.toString(row.id()),
        row.accountId(),
        Change.state("balance", Money.format(balance.subtract(row.amount()))),
        Change.state(
            "amount",
            Money.format(row.amount()),
            "paymentMethod",
            row.paymentMethod(),
            "paymentId",
            paymentId,
            "balance",
            Money.format(balance)),
        row.idempotencyKey());
  }

  private static void unanswered(Connection connection, RechargeRow row, PaymentResult paid)
      throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(UNANSWERED)) {
      update.setString(1, truncate(paid.code(), 64));
      update.setString(2, truncate(paid.message(), 500));
      update.setLong(3, row.id());
      update.executeUpdate();
    }
  }

  private void refuse(Connection connection, RechargeRow row, PaymentResult paid, Instant now)
      throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(REFUSED)) {
      update.setString(1, paid.outcome() == PaymentResult.Outcome.DECLINED ? "DECLINED" : "FAILED");
      update.setString(2, truncate(paid.code(), 64));
      update.setString(3, truncate(paid.message(), 500));
      update.setObject(4, utc(now));
      update.setLong(5, row.id());
      update.executeUpdate();
    }
    // A failed auto-recharge that turns auto-recharge off is one notice (it says both), so the
    // customer gets one e-mail, not two about one event.
    if (row.origin() == Origin.AUTO
        && autoRecharge(connection, "enabled = FALSE, armed = FALSE", row.accountId())) {
      notifications.tell(RechargeNotices.autoRechargeDisabled(row, paid.message()));
    } else {
      notifications.tell(RechargeNotices.failed(row, paid.message()));
    }
  }

  /** Changes an account's enabled auto-recharge; answers whether it was enabled. */
  private boolean autoRecharge(Connection connection, String change, long accountId)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE auto_recharge SET " + change + " WHERE account_id = ? AND enabled")) {
      update.setLong(1, accountId);
      return update.executeUpdate() == 1;
    }
  }

  private static RechargeRow lock(Connection connection, long id) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(RechargeBook.BY_ID + " FOR UPDATE")) {
      select.setLong(1, id);
      return RechargeBook.one(select);
    }
  }

  private static String truncate(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }
}
