package io.tally.billing.ledger;

import static io.tally.billing.platform.Database.utc;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.platform.Database;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Holds on an account's money. A hold raises the account's {@code held} (so {@code available}
 * drops) and is closed exactly once: settled by the charge that names it, or expired. The status
 * change is conditional on {@code OPEN}, so a charge and the expiry job racing for one hold release
 * its amount once.
 */
@Stateless
public class Holds {

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  /** Places a hold if the account can cover it; answers the hold's id. */
  public long place(
      long accountId, String model, BigDecimal amount, Instant now, Instant expiresAt) {
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement update =
          connection.prepareStatement(
              "UPDATE account SET held = held + ? WHERE id = ?"
                  + " AND balance - held + COALESCE(credit_limit, 0) >= ?")) {
        update.setBigDecimal(1, amount);
        update.setLong(2, accountId);
        update.setBigDecimal(3, amount);
        if (update.executeUpdate() == 0) {
          throw Refusal.of(connection, accountId, amount);
        }
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
        try (ResultSet keys = insert.getGeneratedKeys()) {
          keys.next();
          return keys.getLong(1);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not place hold", e);
    }
  }

  /** Expires one hold if it is still open and due; answers whether it did. */
  public boolean expire(long holdId, Instant now) {
    try (Connection connection = dataSource.getConnection()) {
      BigDecimal amount = close(connection, holdId, null, "EXPIRED", now);
      if (amount == null) {
        return false;
      }
      release(connection, holdId, amount);
      return true;
    } catch (SQLException e) {
      throw new IllegalStateException("could not expire hold " + holdId, e);
    }
  }

  /**
   * Settles the hold a charge names, inside the charge's transaction; answers the amount to release
   * from {@code held} (zero if the hold had already expired: the work was done, so the charge still
   * lands).
   */
  static BigDecimal settle(Connection connection, long accountId, long holdId, Instant now)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT status FROM authorization_hold WHERE id = ? AND account_id = ?")) {
      select.setLong(1, holdId);
      select.setLong(2, accountId);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          throw new BillingException(
              ErrorCode.AUTHORIZATION_NOT_FOUND,
              "no authorization " + holdId + " on this account",
              "authorizationId");
        }
      }
    }
    BigDecimal amount = close(connection, holdId, accountId, "SETTLED", now);
    return amount == null ? BigDecimal.ZERO : amount;
  }

  /** Moves an open hold to {@code status}; answers its amount, or null if it was not open. */
  private static BigDecimal close(
      Connection connection, long holdId, Long accountId, String status, Instant now)
      throws SQLException {
    BigDecimal amount;
    try (PreparedStatement lock =
        connection.prepareStatement(
            "SELECT amount, expires_at FROM authorization_hold WHERE id = ? AND status = 'OPEN'"
                + " FOR UPDATE")) {
      lock.setLong(1, holdId);
      try (ResultSet row = lock.executeQuery()) {
        if (!row.next()) {
          return null;
        }
        if (accountId == null
            && Database.instant(row.getObject(2, java.time.LocalDateTime.class)).isAfter(now)) {
          return null;
        }
        amount = row.getBigDecimal(1);
      }
    }
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE authorization_hold SET status = ?, closed_at = ? WHERE id = ?")) {
      update.setString(1, status);
      update.setObject(2, utc(now));
      update.setLong(3, holdId);
      update.executeUpdate();
    }
    return amount;
  }

  private static void release(Connection connection, long holdId, BigDecimal amount)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE account SET held = held - ? WHERE id ="
                + " (SELECT account_id FROM authorization_hold WHERE id = ?)")) {
      update.setBigDecimal(1, amount);
      update.setLong(2, holdId);
      update.executeUpdate();
    }
  }
}
