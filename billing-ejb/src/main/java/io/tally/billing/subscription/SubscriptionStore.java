package io.tally.billing.subscription;

import static io.tally.billing.platform.Database.utc;
import static io.tally.billing.subscription.SubscriptionSql.failure;
import static io.tally.billing.subscription.SubscriptionSql.grant;
import static io.tally.billing.subscription.SubscriptionSql.putOnPlan;
import static io.tally.billing.subscription.SubscriptionSql.requireChanged;
import static io.tally.billing.subscription.SubscriptionSql.update;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.BillingMode;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.ledger.EntryKind;
import io.tally.billing.ledger.LedgerWriter;
import io.tally.billing.ledger.Posting;
import io.tally.billing.notification.Notice;
import io.tally.billing.notification.Notifications;
import io.tally.billing.platform.Database;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * The short transactions of a customer's changes (subscribe, upgrade, schedule a downgrade or
 * cancellation, cancel). Each change is a conditional {@code UPDATE} on the state the caller read
 * (status, period index), so two requests or a request and a renewal run racing on one subscription
 * change it once; grants go through the ledger under a unique key in the same transaction. Payments
 * happen between these transactions, never inside one. The renewal job's own transactions are
 * {@link RenewalStore}'s; reads are {@link SubscriptionReader}'s.
 */
@Stateless
public class SubscriptionStore {

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  @Inject LedgerWriter ledger;

  @Inject Notifications notifications;

  /**
   * Starts a PENDING subscription whose first period begins {@code now}, taking an introductory
   * slot when the plan has one left (the database decides, even for concurrent subscribers). Its
   * first payment's processor key is {@code paymentKey}, or {@code subscription:<id>:0}. Answers
   * its id; {@link AlreadySubscribed} when the account has a live subscription.
   */
  public long open(
      long accountId, Plan plan, String paymentMethod, String paymentKey, Instant now) {
    try (Connection connection = dataSource.getConnection()) {
      requirePrepaid(connection, accountId);
      boolean introductory = plan.hasIntroPrice() && takeIntroSlot(connection, plan.id());
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO subscription (account_id, live_account_id, plan_id, status,"
                  + " payment_method, price, intro_plan_id, anchor, period_index,"
                  + " current_period_start, current_period_end, price_paid, created_at)"
                  + " VALUES (?, ?, ?, 'PENDING', ?, ?, ?, ?, 0, ?, ?, 0, ?)",
              Statement.RETURN_GENERATED_KEYS)) {
        insert.setLong(1, accountId);
        insert.setLong(2, accountId);
        insert.setString(3, plan.id());
        insert.setString(4, paymentMethod);
        insert.setBigDecimal(5, plan.priceFor(introductory));
        insert.setString(6, introductory ? plan.id() : null);
        insert.setObject(7, utc(now));
        insert.setObject(8, utc(now));
        insert.setObject(9, utc(Periods.start(now, 1)));
        insert.setObject(10, utc(now));
        insert.executeUpdate();
        long id = Database.generatedId(insert);
        update(
            connection,
            "UPDATE subscription SET first_payment_key = ? WHERE id = ?",
            paymentKey != null ? paymentKey : "subscription:" + id + ":0",
            id);
        return id;
      }
    } catch (SQLException e) {
      if (Database.isDuplicateKey(e)) {
        throw new AlreadySubscribed();
      }
      throw failure(e);
    }
  }

  /** The first period was paid: grants it and puts the account on the plan. */
  public void activate(SubscriptionRow pending, Plan plan) {
    try (Connection connection = dataSource.getConnection()) {
      grant(ledger, pending, 0, pending.price(), plan.name() + " subscription, first period");
      int changed =
          update(
              connection,
              "UPDATE subscription SET status = 'ACTIVE', price_paid = ? WHERE id = ?"
                  + " AND status = 'PENDING'",
              pending.price(),
              pending.id());
      requireChanged(changed, pending);
      putOnPlan(connection, pending.accountId(), plan, pending.periodStart());
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** The first payment failed: the subscription never was, and its intro slot is free again. */
  public void abandon(SubscriptionRow pending) {
    try (Connection connection = dataSource.getConnection()) {
      int deleted =
          update(
              connection,
              "DELETE FROM subscription WHERE id = ? AND status = 'PENDING'",
              pending.id());
      if (deleted == 1 && pending.introPlan() != null) {
        update(
            connection,
            "UPDATE plan SET intro_taken = intro_taken - 1 WHERE id = ? AND intro_taken > 0",
            pending.introPlan());
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /**
   * Moves an active subscription up to {@code plan} for the rest of its period, granting the
   * prorated {@code amount} that was paid for it under {@code grantKey}.
   */
  public void upgrade(
      SubscriptionRow row, Plan plan, BigDecimal amount, String paymentMethod, String grantKey) {
    try (Connection connection = dataSource.getConnection()) {
      if (amount.signum() > 0) {
        ledger.post(
            new Posting(
                row.accountId(),
                amount,
                EntryKind.SUBSCRIPTION_GRANT,
                "Upgrade to " + plan.name() + ", prorated for the rest of the period",
                grantKey,
                "subscriptions",
                Posting.Guard.NONE));
      }
      int changed =
          update(
              connection,
              "UPDATE subscription SET plan_id = ?, price = ?, price_paid = price_paid + ?,"
                  + " pending_plan_id = NULL, cancel_at_period_end = FALSE, payment_method = ?,"
                  + " lease_until = NULL WHERE id = ? AND status = 'ACTIVE' AND period_index = ?",
              plan.id(),
              plan.price(),
              amount,
              paymentMethod,
              row.id(),
              row.periodIndex());
      requireChanged(changed, row);
      update(
          connection,
          "UPDATE account SET plan = ?,"
              + " fair_use_used = IF(fair_use_cap IS NULL, 0, fair_use_used),"
              + " fair_use_since = IF(fair_use_cap IS NULL, ?, fair_use_since),"
              + " fair_use_cap = ?, workflow_used = IF(workflow_quota IS NULL, 0, workflow_used),"
              + " workflow_quota = ? WHERE id = ?",
          plan.id(),
          utc(row.periodStart()),
          plan.fairUseCap(),
          plan.workflowQuota(),
          row.accountId());
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /**
   * Keeps an active subscription going at the period's end, on {@code nextPlan} (a cheaper plan, or
   * null for the current one), paid with {@code paymentMethod}; undoes a cancellation.
   */
  public void renewOn(SubscriptionRow row, String nextPlan, String paymentMethod) {
    scheduleEnd(row, nextPlan, false, paymentMethod);
  }

  /** Ends an active subscription when its period ends. */
  public void cancelAtPeriodEnd(SubscriptionRow row) {
    scheduleEnd(row, null, true, row.paymentMethod());
  }

  private void scheduleEnd(
      SubscriptionRow row, String pendingPlan, boolean cancel, String paymentMethod) {
    try (Connection connection = dataSource.getConnection()) {
      int changed =
          update(
              connection,
              "UPDATE subscription SET pending_plan_id = ?, cancel_at_period_end = ?,"
                  + " payment_method = ? WHERE id = ? AND status = 'ACTIVE'",
              pendingPlan,
              cancel,
              paymentMethod,
              row.id());
      requireChanged(changed, row);
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** A past-due subscription gets a new card, tried at the next run of the renewal job. */
  public void retryWith(SubscriptionRow row, String paymentMethod, Instant now) {
    try (Connection connection = dataSource.getConnection()) {
      int changed =
          update(
              connection,
              "UPDATE subscription SET payment_method = ?, next_attempt_at = ? WHERE id = ?"
                  + " AND status = 'PAST_DUE'",
              paymentMethod,
              utc(now),
              row.id());
      requireChanged(changed, row);
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /**
   * Ends the subscription now and puts the account back on FREE, telling {@code notice}; false if
   * it had ended or moved on meanwhile.
   */
  public boolean cancel(SubscriptionRow row, Instant now, Notice notice) {
    try (Connection connection = dataSource.getConnection()) {
      int changed =
          update(
              connection,
              "UPDATE subscription SET status = 'CANCELED', live_account_id = NULL,"
                  + " canceled_at = ?, lease_until = NULL WHERE id = ? AND status = ?"
                  + " AND period_index = ?",
              utc(now),
              row.id(),
              row.status().name(),
              row.periodIndex());
      if (changed == 0) {
        return false;
      }
      update(
          connection,
          "UPDATE account SET plan = 'FREE', fair_use_cap = NULL, fair_use_used = 0,"
              + " fair_use_since = NULL, workflow_quota = NULL, workflow_used = 0 WHERE id = ?",
          row.accountId());
      notifications.tell(notice);
      return true;
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private static boolean takeIntroSlot(Connection connection, String planId) throws SQLException {
    return update(
            connection,
            "UPDATE plan SET intro_taken = intro_taken + 1 WHERE id = ?"
                + " AND intro_taken < intro_limit",
            planId)
        == 1;
  }

  private static void requirePrepaid(Connection connection, long accountId) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT billing_mode FROM account WHERE id = ?")) {
      select.setLong(1, accountId);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          throw new BillingException(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + accountId);
        }
        if (BillingMode.valueOf(row.getString(1)) == BillingMode.POSTPAID) {
          throw new BillingException(
              ErrorCode.CONFLICT,
              "a post-paid account is invoiced monthly and has no card subscription");
        }
      }
    }
  }
}
