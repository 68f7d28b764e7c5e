package io.tally.billing.subscription;

import static io.tally.billing.platform.Database.utc;
import static io.tally.billing.subscription.SubscriptionSql.failure;

import io.tally.billing.api.Money;
import io.tally.billing.api.SubscriptionChange;
import io.tally.billing.platform.Database;
import io.tally.billing.subscription.SubscriptionRow.Status;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Reading subscriptions: an account's live or latest one, one by id, and those with work due. */
@ApplicationScoped
public class SubscriptionReader {

  private static final String COLUMNS =
      "SELECT id, account_id, plan_id, pending_plan_id, status, payment_method,"
          + " first_payment_key, price,"
          + " intro_plan_id, anchor, period_index, current_period_start, current_period_end,"
          + " price_paid, cancel_at_period_end, failed_attempts, next_attempt_at FROM subscription";

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  public Optional<SubscriptionRow> live(long accountId) {
    return one(COLUMNS + " WHERE live_account_id = ?", accountId);
  }

  public Optional<SubscriptionRow> latest(long accountId) {
    return one(
        COLUMNS + " WHERE account_id = ? AND status <> 'PENDING' ORDER BY id DESC LIMIT 1",
        accountId);
  }

  /** The answer to a change: the subscription now and what the request paid. */
  public SubscriptionChange answer(long id, BigDecimal charged, Instant at) {
    return new SubscriptionChange(get(id).view(), Money.format(charged), at.toString(), null);
  }

  /**
   * The answer to a change whose payment the processor did not answer: pending (202, as a
   * recharge's), resolved by the renewal job or the same request again under the same processor
   * key; the subscription as it holds meanwhile.
   */
  public SubscriptionChange pending(long id, BigDecimal amount, Instant at) {
    return new SubscriptionChange(get(id).view(), Money.format(amount), at.toString(), "PENDING");
  }

  public SubscriptionRow get(long id) {
    return one(COLUMNS + " WHERE id = ?", id).orElseThrow();
  }

  /** Subscriptions with renewal work due at {@code now}, oldest first. */
  public List<Long> due(Instant now, int limit) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT id FROM subscription WHERE status = 'ACTIVE' AND current_period_end <= ?"
                    + " UNION SELECT id FROM subscription WHERE status = 'PAST_DUE'"
                    + " AND next_attempt_at <= ?"
                    + " UNION SELECT id FROM subscription WHERE status = 'PENDING' AND anchor <= ?"
                    + " ORDER BY id LIMIT "
                    + limit)) {
      select.setObject(1, utc(now));
      select.setObject(2, utc(now));
      select.setObject(3, utc(now.minus(SubscriptionRow.STALE_PENDING)));
      List<Long> ids = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getLong(1));
        }
      }
      return ids;
    } catch (SQLException e) {
      throw new IllegalStateException("could not find due subscriptions", e);
    }
  }

  private Optional<SubscriptionRow> one(String sql, long key) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setLong(1, key);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(row(row)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private static SubscriptionRow row(ResultSet row) throws SQLException {
    return new SubscriptionRow(
        row.getLong(1),
        row.getLong(2),
        row.getString(3),
        row.getString(4),
        Status.valueOf(row.getString(5)),
        row.getString(6),
        row.getString(7),
        row.getBigDecimal(8),
        row.getString(9),
        instant(row, 10),
        row.getInt(11),
        instant(row, 12),
        instant(row, 13),
        row.getBigDecimal(14),
        row.getBoolean(15),
        row.getInt(16),
        instant(row, 17));
  }

  private static Instant instant(ResultSet row, int column) throws SQLException {
    LocalDateTime value = row.getObject(column, LocalDateTime.class);
    return value == null ? null : Database.instant(value);
  }
}
