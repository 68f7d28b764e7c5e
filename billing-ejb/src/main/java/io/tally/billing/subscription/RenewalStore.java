package io.tally.billing.subscription;

import static io.tally.billing.platform.Database.utc;
import static io.tally.billing.subscription.SubscriptionSql.failure;
import static io.tally.billing.subscription.SubscriptionSql.grant;
import static io.tally.billing.subscription.SubscriptionSql.putOnPlan;
import static io.tally.billing.subscription.SubscriptionSql.requireChanged;
import static io.tally.billing.subscription.SubscriptionSql.update;

import io.tally.billing.ledger.LedgerWriter;
import io.tally.billing.notification.Notice;
import io.tally.billing.notification.Notifications;
import io.tally.billing.platform.Database;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * The renewal job's short transactions: claim a due row, then record what its payment did (an
 * upgrade claims its row the same way, so it never pays while a renewal is under way). Each is
 * conditional on the row's period and attempt as read, and a period's grant has a unique ledger
 * key, so two runs racing on one row move it on once.
 */
@Stateless
public class RenewalStore {

  static final Duration LEASE = Duration.ofMinutes(5);

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  @Inject LedgerWriter ledger;

  @Inject Notifications notifications;

  /**
   * Claims a row for one payment, renewal or upgrade, for {@link #LEASE}: a second run, server or
   * request leaves it alone while the processor answers, and a crashed attempt's lease runs out.
   */
  public boolean lease(SubscriptionRow row, Instant now) {
    try (Connection connection = dataSource.getConnection()) {
      return update(
              connection,
              "UPDATE subscription SET lease_until = ? WHERE id = ? AND status = ?"
                  + " AND period_index = ? AND failed_attempts = ?"
                  + " AND (lease_until IS NULL OR lease_until <= ?)",
              utc(now.plus(LEASE)),
              row.id(),
              row.status().name(),
              row.periodIndex(),
              row.failedAttempts(),
              utc(now))
          == 1;
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /**
   * Period {@code index} was paid: grants it, makes it the current period on {@code plan} and
   * restarts the fair-use count. The grant's ledger key makes a second run fail here (and roll
   * back) instead of granting twice.
   */
  public void renew(SubscriptionRow row, Plan plan, int index, BigDecimal paid, Notice notice) {
    Instant start = Periods.start(row.anchor(), index);
    Instant end = Periods.start(row.anchor(), index + 1);
    try (Connection connection = dataSource.getConnection()) {
      grant(
          ledger,
          row,
          index,
          paid,
          plan.name() + " subscription, period from " + start + " to " + end);
      int changed =
          update(
              connection,
              "UPDATE subscription SET plan_id = ?, price = ?, pending_plan_id = NULL,"
                  + " status = 'ACTIVE', period_index = ?, current_period_start = ?,"
                  + " current_period_end = ?, price_paid = ?, failed_attempts = 0,"
                  + " next_attempt_at = NULL, lease_until = NULL WHERE id = ? AND period_index = ?",
              plan.id(),
              paid,
              index,
              utc(start),
              utc(end),
              paid,
              row.id(),
              row.periodIndex());
      requireChanged(changed, row);
      putOnPlan(connection, row.accountId(), plan, start);
      notifications.tell(notice);
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** A renewal payment failed: the subscription is past due until {@code nextAttempt}. */
  public void pastDue(SubscriptionRow row, Instant nextAttempt, Notice notice) {
    try (Connection connection = dataSource.getConnection()) {
      int changed =
          update(
              connection,
              "UPDATE subscription SET status = 'PAST_DUE', failed_attempts = failed_attempts + 1,"
                  + " next_attempt_at = ?, lease_until = NULL WHERE id = ? AND period_index = ?"
                  + " AND failed_attempts = ?",
              utc(nextAttempt),
              row.id(),
              row.periodIndex(),
              row.failedAttempts());
      requireChanged(changed, row);
      notifications.tell(notice);
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** Gives a lease back when its payment failed and nothing else changed. */
  public void release(SubscriptionRow row) {
    try (Connection connection = dataSource.getConnection()) {
      update(connection, "UPDATE subscription SET lease_until = NULL WHERE id = ?", row.id());
    } catch (SQLException e) {
      throw failure(e);
    }
  }
}
