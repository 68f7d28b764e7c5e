package io.tally.billing.subscription;

import static io.tally.billing.platform.Database.utc;

import io.tally.billing.ledger.DuplicateEntry;
import io.tally.billing.payment.PaymentGateway;
import io.tally.billing.payment.PaymentRequest;
import io.tally.billing.payment.PaymentResult;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Upgrade payments the processor did not answer. Each is kept PENDING (table {@code
 * upgrade_payment}) with the amount, card and processor key it was asked with, and its subscription
 * keeps its lease, so no renewal and no other upgrade runs meanwhile. The customer's retry and the
 * renewal job ask the processor again under the same key: a success grants the upgrade under its
 * ledger key (once, whoever gets there first), a refusal gives the lease back. Each statement here
 * is its own short write; the processor is asked with no transaction open.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class UpgradePayments {

  private static final Logger LOG = Logger.getLogger(UpgradePayments.class.getName());
  private static final int BATCH = 100;
  private static final String COLUMNS =
      "id, subscription_id, period_index, plan_id, amount, payment_method, payment_key";

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  @Inject PaymentGateway gateway;

  @Inject SubscriptionReader reader;

  @Inject SubscriptionStore store;

  @Inject RenewalStore periods;

  @Inject Plans plans;

  @Inject Clock clock;

  /** An upgrade payment awaiting the processor's answer. */
  public record Pending(
      long id,
      long subscriptionId,
      int periodIndex,
      String planId,
      BigDecimal amount,
      String paymentMethod,
      String paymentKey) {

    /** The ledger key of the upgrade's grant, as {@link Subscriptions} grants it. */
    String grantKey() {
      return "subscription:" + subscriptionId + ":" + periodIndex + ":upgrade:" + planId;
    }
  }

  /** Keeps an unanswered upgrade payment; a second record of the same key changes nothing. */
  public void record(SubscriptionRow row, Plan plan, BigDecimal amount, String method, String key) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT IGNORE INTO upgrade_payment (subscription_id, period_index, plan_id,"
                    + " amount, payment_method, payment_key, status, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?)")) {
      insert.setLong(1, row.id());
      insert.setInt(2, row.periodIndex());
      insert.setString(3, plan.id());
      insert.setBigDecimal(4, amount);
      insert.setString(5, method);
      insert.setString(6, key);
      insert.setObject(7, utc(clock.instant()));
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("could not record a pending upgrade payment", e);
    }
  }

  /** The subscription's pending upgrade payment, if any. */
  public Optional<Pending> pendingFor(long subscriptionId) {
    List<Pending> found = select(" AND subscription_id = ?", subscriptionId);
    return found.stream().findFirst();
  }

  /**
   * Asks the processor again about {@code pending} under its key and records the answer: a success
   * grants the upgrade (a grant already made by a concurrent resolver counts), a refusal releases
   * the subscription; an unknown answer leaves it pending. Answers the processor's result.
   */
  public PaymentResult resolve(Pending pending) {
    SubscriptionRow row = reader.get(pending.subscriptionId());
    PaymentResult paid =
        gateway.pay(
            new PaymentRequest(
                row.accountId(),
                pending.amount(),
                pending.paymentMethod(),
                pending.paymentKey(),
                "Tally upgrade to " + plans.find(pending.planId()).name()));
    if (paid.succeeded()) {
      try {
        store.upgrade(
            row,
            plans.find(pending.planId()),
            pending.amount(),
            pending.paymentMethod(),
            pending.grantKey());
      } catch (DuplicateEntry grantedAlready) {
        // A concurrent resolver granted it: the same payment, granted once.
      }
      finish(pending, "SUCCEEDED");
    } else if (!paid.unknown()) {
      periods.release(row);
      finish(pending, "DECLINED");
    }
    return paid;
  }

  /**
   * Asks about every pending upgrade payment whose lease has run out (the renewal job runs this
   * first; until then the request that started it, or its retry, has it).
   */
  public void resolveAll() {
    Instant leased = clock.instant().minus(RenewalStore.LEASE);
    for (Pending pending : select(" AND created_at < ? ORDER BY id LIMIT " + BATCH, utc(leased))) {
      try {
        resolve(pending);
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING, "upgrade payment " + pending.id() + " left pending; next run asks", e);
      }
    }
  }

  private void finish(Pending pending, String status) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE upgrade_payment SET status = ?, completed_at = ? WHERE id = ?"
                    + " AND status = 'PENDING'")) {
      update.setString(1, status);
      update.setObject(2, utc(clock.instant()));
      update.setLong(3, pending.id());
      update.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("could not finish upgrade payment " + pending.id(), e);
    }
  }

  private List<Pending> select(String where, Object... values) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM upgrade_payment WHERE status = 'PENDING'" + where)) {
      for (int i = 0; i < values.length; i++) {
        select.setObject(i + 1, values[i]);
      }
      List<Pending> found = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          found.add(
              new Pending(
                  rows.getLong(1),
                  rows.getLong(2),
                  rows.getInt(3),
                  rows.getString(4),
                  rows.getBigDecimal(5),
                  rows.getString(6),
                  rows.getString(7)));
        }
      }
      return found;
    } catch (SQLException e) {
      throw new IllegalStateException("could not read pending upgrade payments", e);
    }
  }
}
