package io.tally.billing.account;

import io.tally.billing.api.AccountView;
import io.tally.billing.api.AccountView.AutoRechargeView;
import io.tally.billing.api.BillingException;
import io.tally.billing.api.BillingMode;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.api.Money;
import io.tally.billing.platform.Database;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import javax.sql.DataSource;

/**
 * The balance read of {@code GET /accounts/{id}} in one statement, from a plain bean: no EJB
 * boundary, no transaction and no entity manager, so a read costs less than a charge. It answers
 * what {@link Accounts#find} answers (the same view, auto-recharge included).
 */
@ApplicationScoped
public class AccountStore {

  private static final String FIND =
      "SELECT a.email, a.name, a.billing_mode, a.plan, a.balance, a.held, a.credit_limit,"
          + " a.created_at, r.enabled, r.threshold, r.amount, r.payment_method"
          + " FROM account a LEFT JOIN auto_recharge r ON r.account_id = a.id WHERE a.id = ?";

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  /** The account as its owner sees it, or a 404. */
  public AccountView find(long id) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(FIND)) {
      select.setLong(1, id);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          throw new BillingException(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + id);
        }
        BigDecimal balance = row.getBigDecimal(5);
        return new AccountView(
            id,
            row.getString(1),
            row.getString(2),
            BillingMode.valueOf(row.getString(3)),
            row.getString(4),
            Money.format(balance),
            Money.format(balance.subtract(row.getBigDecimal(6))),
            Money.format(row.getBigDecimal(7)),
            autoRecharge(row),
            Database.format(utc(row.getString(8))));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read account " + id, e);
    }
  }

  /**
   * A {@code DATETIME(6)} as the driver's text gives it ({@code 2026-05-01 12:00:00.123456}): read
   * as text because the pool's wrapper finds {@code getObject(int, Class)} by reflection, throwing
   * a NoSuchMethodException on each call.
   */
  private static LocalDateTime utc(String text) {
    return text == null ? null : LocalDateTime.parse(text.replace(' ', 'T'));
  }

  /** As {@code AutoRechargeSettings} answers it: off when never configured. */
  private static AutoRechargeView autoRecharge(ResultSet row) throws SQLException {
    boolean enabled = row.getBoolean(9);
    if (row.wasNull()) {
      return new AutoRechargeView(false);
    }
    return new AutoRechargeView(
        enabled,
        Money.format(row.getBigDecimal(10)),
        Money.format(row.getBigDecimal(11)),
        row.getString(12));
  }
}
