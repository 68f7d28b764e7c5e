package io.tally.billing.payment;

import io.tally.billing.api.Money;
import io.tally.billing.api.RechargeView;
import io.tally.billing.platform.Database;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

/** A stored recharge: what was asked, and how the payment ended once it has. */
public record RechargeRow(
    long id,
    long accountId,
    Origin origin,
    String idempotencyKey,
    BigDecimal amount,
    String paymentMethod,
    Status status,
    String paymentId,
    String errorCode,
    String errorMessage,
    BigDecimal balanceAfter,
    LocalDateTime createdAt) {

  static final String COLUMNS =
      "id, account_id, origin, idempotency_key, amount, payment_method, status, payment_id,"
          + " error_code, error_message, balance_after, created_at";

  /** Who asked for the recharge; each keeps its own idempotency keys. */
  public enum Origin {
    CUSTOMER,
    AUTO
  }

  public enum Status {
    PENDING,
    SUCCEEDED,
    DECLINED,
    FAILED
  }

  static RechargeRow read(ResultSet row) throws SQLException {
    return new RechargeRow(
        row.getLong(1),
        row.getLong(2),
        Origin.valueOf(row.getString(3)),
        row.getString(4),
        row.getBigDecimal(5),
        row.getString(6),
        Status.valueOf(row.getString(7)),
        row.getString(8),
        row.getString(9),
        row.getString(10),
        row.getBigDecimal(11),
        row.getObject(12, LocalDateTime.class));
  }

  /**
   * Whether the payment was asked for and the processor did not say how it ended (a timeout): the
   * recharge stays PENDING until asked again under the same key. A PENDING row without an error is
   * being paid right now (or its request died, and the sweep takes it after a grace period).
   */
  boolean unanswered() {
    return status == Status.PENDING && errorCode != null;
  }

  /**
   * The key the processor sees: one per recharge row, so every retry of it is the same payment. The
   * row's creation time keeps two databases (staging and production on one processor account) from
   * sending the same key for different payments.
   */
  String paymentKey() {
    Instant created = Database.instant(createdAt);
    return "tally-recharge-" + id + "-" + ChronoUnit.MICROS.between(Instant.EPOCH, created);
  }

  /** The ledger's key for the credit: at most one credit per recharge. */
  String ledgerKey() {
    return origin == Origin.AUTO ? idempotencyKey : "recharge:" + idempotencyKey;
  }

  RechargeView view() {
    return new RechargeView(
        id,
        accountId,
        Money.format(amount),
        paymentMethod,
        status.name(),
        paymentId,
        Money.format(balanceAfter),
        Database.format(createdAt));
  }
}
