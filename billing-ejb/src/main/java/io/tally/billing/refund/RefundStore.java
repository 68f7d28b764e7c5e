package io.tally.billing.refund;

import static io.tally.billing.platform.Database.utc;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.api.LineItemView;
import io.tally.billing.api.Money;
import io.tally.billing.api.RefundRequest;
import io.tally.billing.ledger.DuplicateEntry;
import io.tally.billing.ledger.EntryKind;
import io.tally.billing.ledger.LedgerWriter;
import io.tally.billing.ledger.Posting;
import io.tally.billing.platform.Database;
import io.tally.billing.usage.Charge;
import io.tally.billing.usage.ChargeViews;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Writes one refund in the caller's transaction: the charge's conditional UPDATE first (it locks
 * the charge, then the ledger credit locks the account: always in that order), then the credit, the
 * refund row and the rollups.
 */
@Stateless
public class RefundStore {

  /** The database decides that no charge is refunded past its amount, however many refunds race. */
  private static final String REFUND_CHARGE =
      "UPDATE charge SET refunded = refunded + ? WHERE id = ? AND refunded + ? <= amount";

  private static final String INSERT =
      "INSERT INTO refund (charge_id, account_id, amount, requested, reason, idempotency_key,"
          + " balance_after, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private static final String ROLLUP =
      "UPDATE usage_rollup SET amount = amount - ? WHERE account_id = ? AND day = ? AND model_id = ?";

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  @Inject LedgerWriter ledger;

  @Inject Clock clock;

  /**
   * A refund as written: its id, the balance after its credit and the charge's refunds around it.
   */
  public record Written(
      long id,
      BigDecimal amount,
      BigDecimal balance,
      BigDecimal refundedBefore,
      Instant createdAt) {}

  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public Written write(Charge charge, BigDecimal amount, RefundRequest request) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    try (Connection connection = dataSource.getConnection()) {
      BigDecimal refundedBefore = refundCharge(connection, charge, amount);
      BigDecimal balance =
          ledger.post(
              new Posting(
                  charge.accountId(),
                  amount,
                  EntryKind.REFUND,
                  reference(charge, request.reason()),
                  "refund:" + request.idempotencyKey(),
                  request.actor(),
                  Posting.Guard.NONE));
      long id = insert(connection, charge, amount, request, balance, now);
      lowerRollups(connection, charge, refundedBefore, amount);
      return new Written(id, amount, balance, refundedBefore, now);
    } catch (SQLException e) {
      if (Database.isDuplicateKey(e)) {
        throw new DuplicateEntry("refund:" + request.idempotencyKey());
      }
      throw new IllegalStateException("the refund could not be written", e);
    }
  }

  /** Adds the amount to the charge's refunded total; answers the total before it, or 409. */
  private static BigDecimal refundCharge(Connection connection, Charge charge, BigDecimal amount)
      throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(REFUND_CHARGE)) {
      update.setBigDecimal(1, amount);
      update.setLong(2, charge.id());
      update.setBigDecimal(3, amount);
      if (update.executeUpdate() == 0) {
        throw exceeds(connection, charge, amount);
      }
    }
    return refunded(connection, charge.id()).subtract(amount);
  }

  private static BillingException exceeds(Connection connection, Charge charge, BigDecimal amount)
      throws SQLException {
    BigDecimal left = charge.amount().subtract(refunded(connection, charge.id()));
    return new BillingException(
        ErrorCode.REFUND_EXCEEDS_CHARGE,
        left.signum() == 0
            ? "charge " + charge.id() + " is refunded in full"
            : "a refund of "
                + Money.format(amount)
                + " is more than the "
                + Money.format(left)
                + " left of charge "
                + charge.id(),
        "amount",
        Map.<String, Object>of("refundable", Money.format(left)));
  }

  private static BigDecimal refunded(Connection connection, long chargeId) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT refunded FROM charge WHERE id = ?")) {
      select.setLong(1, chargeId);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getBigDecimal(1);
      }
    }
  }

  private static long insert(
      Connection connection,
      Charge charge,
      BigDecimal amount,
      RefundRequest request,
      BigDecimal balance,
      Instant now)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS)) {
      insert.setLong(1, charge.id());
      insert.setLong(2, charge.accountId());
      insert.setBigDecimal(3, amount);
      insert.setBigDecimal(4, request.amount());
      insert.setString(5, request.reason());
      insert.setString(6, request.idempotencyKey());
      insert.setBigDecimal(7, balance);
      insert.setString(8, request.actor());
      insert.setObject(9, utc(now));
      insert.executeUpdate();
      return Database.generatedId(insert);
    }
  }

  /** Takes the refund off the cost in the rollups of the charge's day, model by model. */
  private static void lowerRollups(
      Connection connection, Charge charge, BigDecimal refundedBefore, BigDecimal amount)
      throws SQLException {
    List<LineItemView> lines = ChargeViews.of(charge).lineItems();
    Map<String, BigDecimal> byModel =
        RefundShares.byModel(lines, charge.model(), refundedBefore, amount);
    try (PreparedStatement update = connection.prepareStatement(ROLLUP)) {
      for (Map.Entry<String, BigDecimal> share : byModel.entrySet()) {
        update.setBigDecimal(1, share.getValue());
        update.setLong(2, charge.accountId());
        update.setObject(3, charge.startedAt().toLocalDate());
        update.setString(4, share.getKey());
        update.addBatch();
      }
      update.executeBatch();
    }
  }

  private static String reference(Charge charge, String reason) {
    return "refund of charge " + charge.id() + " (request " + charge.requestId() + "): " + reason;
  }
}
