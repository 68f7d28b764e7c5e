package io.tally.billing.payment;

import static io.tally.billing.platform.Database.utc;

import io.tally.billing.ledger.BalanceLowered;
import io.tally.billing.payment.RechargeRow.Origin;
import io.tally.billing.platform.Database;
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
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The recharge rows, each change one short transaction. A recharge is recorded (PENDING) before the
 * card is charged and finished in the transaction that credits the ledger ({@link
 * RechargeCompletion}), so the unique key (account, origin, key) and the row lock decide every
 * race: a concurrent duplicate, a replay, an auto-recharge seen by two servers, a sweep after a
 * crash.
 */
@Stateless
public class RechargeBook {

  private static final String INSERT =
      "INSERT INTO recharge (account_id, origin, idempotency_key, amount, payment_method, status,"
          + " created_at) VALUES (?, ?, ?, ?, ?, 'PENDING', ?)";
  static final String BY_ID = "SELECT " + RechargeRow.COLUMNS + " FROM recharge WHERE id = ?";
  private static final String BY_KEY =
      "SELECT "
          + RechargeRow.COLUMNS
          + " FROM recharge WHERE account_id = ? AND origin = ? AND idempotency_key = ?";

  /**
   * Disarms auto-recharge for this crossing, if the stored settings agree it is one: the first
   * observer of a crossing wins, every other (another charge, another server) updates no row.
   */
  private static final String DISARM =
      "UPDATE auto_recharge SET armed = FALSE, crossings = crossings + 1, updated_at = ?"
          + " WHERE account_id = ? AND enabled AND armed AND threshold > ? AND threshold <= ?";

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  @Inject Clock clock;

  /** A recharge and whether this call recorded it (false: the key was used before). */
  public record Opened(RechargeRow row, boolean created) {}

  /** Records a PENDING recharge, or answers the one recorded before under its key. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public Opened open(
      long accountId, Origin origin, String key, BigDecimal amount, String paymentMethod) {
    try (Connection connection = dataSource.getConnection()) {
      try {
        long id = insert(connection, accountId, origin, key, amount, paymentMethod);
        return new Opened(find(connection, id), true);
      } catch (SQLException e) {
        if (!Database.isDuplicateKey(e)) {
          throw e;
        }
      }
      try (PreparedStatement select = connection.prepareStatement(BY_KEY)) {
        select.setLong(1, accountId);
        select.setString(2, origin.name());
        select.setString(3, key);
        return new Opened(one(select), false);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not record a recharge", e);
    }
  }

  public RechargeRow find(long id) {
    try (Connection connection = dataSource.getConnection()) {
      return find(connection, id);
    } catch (SQLException e) {
      throw new IllegalStateException("could not read a recharge", e);
    }
  }

  /**
   * Recharges still PENDING that the sweep should finish, oldest first: recorded before {@code
   * before} (their request died, or their payment went unanswered and no replay asked again), but
   * not before {@code since} (past the processor's idempotency window, asking again could pay
   * twice: such a recharge waits for an operator).
   */
  public List<Long> pending(Instant before, Instant since, int limit) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT id FROM recharge WHERE status = 'PENDING' AND created_at < ?"
                    + " AND created_at >= ? ORDER BY created_at, id LIMIT ?")) {
      select.setObject(1, utc(before));
      select.setObject(2, utc(since));
      select.setInt(3, limit);
      List<Long> ids = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getLong(1));
        }
      }
      return ids;
    } catch (SQLException e) {
      throw new IllegalStateException("could not read pending recharges", e);
    }
  }

  /**
   * Starts the auto-recharge of a crossing below the threshold, if this is the crossing's first
   * observer and the stored settings agree: disarms, counts the crossing and records the recharge
   * under {@code auto-recharge:<crossing>} in one transaction. Answers the recharge's id, or null.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public Long arm(BalanceLowered crossing) {
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement disarm = connection.prepareStatement(DISARM)) {
        disarm.setObject(1, utc(clock.instant()));
        disarm.setLong(2, crossing.accountId());
        disarm.setBigDecimal(3, crossing.balanceAfter());
        disarm.setBigDecimal(4, crossing.balanceBefore());
        if (disarm.executeUpdate() == 0) {
          return null;
        }
      }
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT crossings, amount, payment_method FROM auto_recharge WHERE account_id = ?")) {
        select.setLong(1, crossing.accountId());
        try (ResultSet row = select.executeQuery()) {
          row.next();
          return insert(
              connection,
              crossing.accountId(),
              Origin.AUTO,
              "auto-recharge:" + row.getLong(1),
              row.getBigDecimal(2),
              row.getString(3));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not start an auto-recharge", e);
    }
  }

  private long insert(
      Connection connection,
      long accountId,
      Origin origin,
      String key,
      BigDecimal amount,
      String paymentMethod)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS)) {
      insert.setLong(1, accountId);
      insert.setString(2, origin.name());
      insert.setString(3, key);
      insert.setBigDecimal(4, amount);
      insert.setString(5, paymentMethod);
      insert.setObject(6, utc(clock.instant()));
      insert.executeUpdate();
      return Database.generatedId(insert);
    }
  }

  static RechargeRow find(Connection connection, long id) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(BY_ID)) {
      select.setLong(1, id);
      return one(select);
    }
  }

  static RechargeRow one(PreparedStatement select) throws SQLException {
    try (ResultSet row = select.executeQuery()) {
      if (!row.next()) {
        throw new IllegalStateException("no such recharge");
      }
      return RechargeRow.read(row);
    }
  }
}
