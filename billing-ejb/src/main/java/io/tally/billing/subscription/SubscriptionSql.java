package io.tally.billing.subscription;

import static io.tally.billing.platform.Database.utc;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.ledger.EntryKind;
import io.tally.billing.ledger.LedgerWriter;
import io.tally.billing.ledger.Posting;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The statements both subscription stores share: grants, the account's plan, conditional updates.
 */
final class SubscriptionSql {

  private SubscriptionSql() {}

  /** Grants period {@code index} under its ledger key, unique per account: at most once. */
  static void grant(
      LedgerWriter ledger, SubscriptionRow row, int index, BigDecimal amount, String reference) {
    ledger.post(
        new Posting(
            row.accountId(),
            amount,
            EntryKind.SUBSCRIPTION_GRANT,
            reference,
            "subscription:" + row.id() + ":" + index,
            "subscriptions",
            Posting.Guard.NONE));
  }

  /**
   * The account's plan, and its fair-use cap and workflow quota counted afresh from {@code
   * periodStart}.
   */
  static void putOnPlan(Connection connection, long accountId, Plan plan, Instant periodStart)
      throws SQLException {
    update(
        connection,
        "UPDATE account SET plan = ?, fair_use_cap = ?, fair_use_used = 0, fair_use_since = ?,"
            + " workflow_quota = ?, workflow_used = 0 WHERE id = ?",
        plan.id(),
        plan.fairUseCap(),
        utc(periodStart),
        plan.workflowQuota(),
        accountId);
  }

  /** Another request or run changed the row first: roll back, the caller reads it again. */
  static void requireChanged(int changed, SubscriptionRow row) {
    if (changed == 0) {
      throw new BillingException(
          ErrorCode.CONFLICT, "subscription " + row.id() + " changed meanwhile; retry");
    }
  }

  static int update(Connection connection, String sql, Object... values) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setObject(i + 1, values[i]);
      }
      return statement.executeUpdate();
    }
  }

  static RuntimeException failure(SQLException e) {
    return new IllegalStateException("subscription write failed", e);
  }
}
