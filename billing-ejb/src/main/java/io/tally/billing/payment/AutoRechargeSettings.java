package io.tally.billing.payment;

import static io.tally.billing.platform.Database.utc;

import io.tally.billing.api.AccountView.AutoRechargeView;
import io.tally.billing.api.AutoRechargeRequest;
import io.tally.billing.api.Money;
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
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Stored auto-recharge settings, one row per account. Saving settings (re-)arms auto-recharge when
 * it is on; the crossing counter is kept, so keys of recharges already made are never reused.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AutoRechargeSettings {

  private static final String UPSERT =
      "INSERT INTO auto_recharge (account_id, enabled, threshold, amount, payment_method, armed,"
          + " crossings, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?) ON DUPLICATE KEY UPDATE"
          + " enabled = VALUES(enabled), threshold = COALESCE(VALUES(threshold), threshold),"
          + " amount = COALESCE(VALUES(amount), amount),"
          + " payment_method = COALESCE(VALUES(payment_method), payment_method),"
          + " armed = VALUES(armed), updated_at = VALUES(updated_at)";

  private static final String SELECT =
      "SELECT enabled, threshold, amount, payment_method FROM auto_recharge WHERE account_id = ?";

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  @Inject Clock clock;

  /** The settings before and after a save. */
  public record Saved(long accountId, AutoRechargeView before, AutoRechargeView after) {}

  /**
   * Saves settings that were checked already, in the caller's transaction (its audit entry's);
   * answers them as they were and as stored.
   */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public Saved save(AutoRechargeRequest request) {
    try (Connection connection = dataSource.getConnection()) {
      AutoRechargeView before = read(connection, request.accountId());
      try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
        upsert.setLong(1, request.accountId());
        upsert.setBoolean(2, request.enabled());
        upsert.setBigDecimal(3, request.threshold());
        upsert.setBigDecimal(4, request.amount());
        upsert.setString(5, request.paymentMethod());
        upsert.setBoolean(6, request.enabled());
        upsert.setObject(7, utc(clock.instant()));
        upsert.executeUpdate();
      }
      return new Saved(request.accountId(), before, read(connection, request.accountId()));
    } catch (SQLException e) {
      throw new IllegalStateException("could not save auto-recharge settings", e);
    }
  }

  /** The account's settings; off when never configured. */
  public AutoRechargeView view(long accountId) {
    try (Connection connection = dataSource.getConnection()) {
      return read(connection, accountId);
    } catch (SQLException e) {
      throw new IllegalStateException("could not read auto-recharge settings", e);
    }
  }

  /** The threshold when auto-recharge is on. */
  public Optional<BigDecimal> threshold(long accountId) {
    AutoRechargeView view = view(accountId);
    return view.enabled() ? Optional.of(new BigDecimal(view.threshold())) : Optional.empty();
  }

  private static AutoRechargeView read(Connection connection, long accountId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(SELECT)) {
      select.setLong(1, accountId);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return new AutoRechargeView(false);
        }
        return new AutoRechargeView(
            row.getBoolean(1),
            Money.format(row.getBigDecimal(2)),
            Money.format(row.getBigDecimal(3)),
            row.getString(4));
      }
    }
  }
}
