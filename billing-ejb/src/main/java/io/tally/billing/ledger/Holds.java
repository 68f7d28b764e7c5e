package io.tally.billing.ledger;

import static io.tally.billing.platform.Database.utc;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.platform.Database;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;

/**
 * Holds on an account's money. A hold raises the account's {@code held} (so {@code available}
 * drops) and is closed exactly once: settled by the first charge that names it and can pay, or
 * expired. The status change is conditional on {@code OPEN}, so a charge and the expiry job (or
 * twenty charges) racing for one hold release its amount once.
 */
@Stateless
public class Holds {

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  /**
   * A hold's conditional UPDATE: the account must have the amount available (balance less holds,
   * plus its credit limit), be under its plan's fair-use cap, and stay within its monthly spend
   * limit with its open holds. {@link HoldGroup} decides a group's holds by this same rule.
   */
  static final String PLACE =
      "UPDATE account SET held = held + ? WHERE id = ?"
          + " AND balance - held + COALESCE(credit_limit, 0) >= ?"
          + " AND (fair_use_cap IS NULL OR fair_use_used < fair_use_cap)"
          + LimitSql.HOLD_CHECK;

  /** Places a hold if the account can cover it; answers the hold's id. */
  public long place(
      long accountId, String model, BigDecimal amount, Instant now, Instant expiresAt) {
    try (Connection connection = dataSource.getConnection()) {
      LocalDate month = LedgerWriter.monthOf(now);
      if (!raise(connection, accountId, amount, month)) {
        throw Refusal.of(connection, accountId, amount, month);
      }
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO authorization_hold (account_id, model_id, amount, status, expires_at,"
                  + " created_at) VALUES (?, ?, ?, 'OPEN', ?, ?)",
              Statement.RETURN_GENERATED_KEYS)) {
        insert.setLong(1, accountId);
        insert.setString(2, model);
        insert.setBigDecimal(3, amount);
        insert.setObject(4, utc(expiresAt));
        insert.setObject(5, utc(now));
        insert.executeUpdate();
        return Database.generatedId(insert);
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /**
   * Places the holds of a group commit ({@link HoldCommit}) in one transaction of their own (other
   * callers' holds never join a caller's transaction), all counting toward {@code month}.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public List<HoldAttempt> placeGroup(List<HoldWrite> writes, LocalDate month) {
    try (Connection connection = dataSource.getConnection()) {
      return HoldGroup.write(connection, writes, month);
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** {@link #PLACE} for one hold; answers whether it applied. */
  static boolean raise(Connection connection, long accountId, BigDecimal amount, LocalDate month)
      throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(PLACE)) {
      update.setBigDecimal(1, amount);
      update.setLong(2, accountId);
      update.setBigDecimal(3, amount);
      update.setDate(4, java.sql.Date.valueOf(month));
      update.setBigDecimal(5, amount);
      return update.executeUpdate() == 1;
    }
  }

  /** A deadlock or lock wait timeout may pass on a fresh attempt; anything else is a fault. */
  private static RuntimeException failure(SQLException e) {
    if (Database.isRetryable(e)) {
      return new ConcurrentConflict(e);
    }
    return new IllegalStateException("could not place hold", e);
  }

  /** Expires one hold if it is still open and due; answers whether it did. */
  public boolean expire(long holdId, Instant now) {
    try (Connection connection = dataSource.getConnection()) {
      long accountId;
      BigDecimal amount;
      try (PreparedStatement lock =
          connection.prepareStatement(
              "SELECT account_id, amount FROM authorization_hold"
                  + " WHERE id = ? AND status = 'OPEN' AND expires_at <= ? FOR UPDATE")) {
        lock.setLong(1, holdId);
        lock.setObject(2, utc(now));
        try (ResultSet row = lock.executeQuery()) {
          if (!row.next()) {
            return false;
          }
          accountId = row.getLong(1);
          amount = row.getBigDecimal(2);
        }
      }
      markClosed(connection, holdId, "EXPIRED", now);
      try (PreparedStatement release =
          connection.prepareStatement("UPDATE account SET held = held - ? WHERE id = ?")) {
        release.setBigDecimal(1, amount);
        release.setLong(2, accountId);
        release.executeUpdate();
      }
      return true;
    } catch (SQLException e) {
      throw new IllegalStateException("could not expire hold " + holdId, e);
    }
  }

  /**
   * Settles the hold a charge names, inside the charge's transaction, if it is still open: the row
   * count of one conditional {@code UPDATE} decides (not a read in Java), so a hold settles at most
   * once, and only on its own account, however many charges name it at once. Answers whether this
   * charge settled it; false when the account's hold is already closed (settled, expired or
   * released): the charge is then an unauthorized call. A hold the account does not have is a 404.
   * The charge's debit releases the hold's amount from {@code held}; if that debit is refused, the
   * transaction rolls back and the hold stays open.
   */
  static boolean settle(Connection connection, long accountId, long holdId, Instant now)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE authorization_hold SET status = 'SETTLED', closed_at = ?"
                + " WHERE id = ? AND account_id = ? AND status = 'OPEN'")) {
      update.setObject(1, utc(now));
      update.setLong(2, holdId);
      update.setLong(3, accountId);
      if (update.executeUpdate() == 1) {
        return true;
      }
    }
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT 1 FROM authorization_hold WHERE id = ? AND account_id = ?")) {
      select.setLong(1, holdId);
      select.setLong(2, accountId);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          throw notFound(holdId);
        }
        return false;
      }
    }
  }

  /** A charge named a hold its account does not have. */
  static BillingException notFound(long holdId) {
    return new BillingException(
        ErrorCode.AUTHORIZATION_NOT_FOUND,
        "no authorization " + holdId + " on this account",
        "authorizationId");
  }

  private static void markClosed(Connection connection, long holdId, String status, Instant now)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE authorization_hold SET status = ?, closed_at = ? WHERE id = ?")) {
      update.setString(1, status);
      update.setObject(2, utc(now));
      update.setLong(3, holdId);
      update.executeUpdate();
    }
  }
}
