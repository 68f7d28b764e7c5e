package io.tally.billing.ledger;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.api.Money;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The workflow quota and the monthly spend limits, as fragments of the charge's own conditional
 * UPDATE (so concurrent calls cannot overshoot either) and the one extra conditional UPDATE on the
 * key row of a call that spends from a key. {@code spent} counts the month in {@code spend_month}:
 * a charge in a later month (by the injected clock, UTC) counts from zero again in the same
 * statement, so no job resets it. MariaDB assigns SET columns left to right, which is why {@code
 * spent} is computed before {@code spend_month} moves on.
 */
final class LimitSql {

  /** Counts an API workflow run against a quota and the charge toward the month's spend. */
  static final String COUNT =
      " workflow_used = workflow_used + IF(workflow_quota IS NULL, 0, ?),"
          + " spent = IF(spend_month = ?, spent, 0) + ?, spend_month = ?";

  /**
   * Refuses an API workflow run at the quota, and a charge that would take the month's spend (with
   * the open holds, which reserve their amount) past the account's limit.
   */
  static final String CHECK =
      " AND (? = 0 OR workflow_quota IS NULL OR workflow_used < workflow_quota)"
          + " AND (spend_limit IS NULL OR IF(spend_month = ?, spent, 0) + held + ? <= spend_limit)";

  /** A hold reserves its amount against the account's spend limit too. */
  static final String HOLD_CHECK =
      " AND (spend_limit IS NULL OR IF(spend_month = ?, spent, 0) + held + ? <= spend_limit)";

  /**
   * The key's share: counted always (its month-to-date spend is shown on the keys page), refused
   * past its limit unless the charge settles a hold (the work was done).
   */
  private static final String KEY_DEBIT =
      "UPDATE api_key SET spent = IF(spend_month = ?, spent, 0) + ?, spend_month = ?"
          + " WHERE id = ? AND account_id = ?"
          + " AND (? OR spend_limit IS NULL OR IF(spend_month = ?, spent, 0) + ? <= spend_limit)";

  private static final String KEY =
      "SELECT spend_limit, spend_month, spent FROM api_key WHERE id = ? AND account_id = ?";

  private LimitSql() {}

  /** Binds {@link #COUNT} from {@code index}; answers the next index. */
  static int bindCount(PreparedStatement update, int index, ChargeWrite write, LocalDate month)
      throws SQLException {
    update.setInt(index, write.workflowRuns());
    update.setDate(index + 1, Date.valueOf(month));
    update.setBigDecimal(index + 2, write.amount());
    update.setDate(index + 3, Date.valueOf(month));
    return index + 4;
  }

  static void bindCheck(PreparedStatement update, int index, ChargeWrite write, LocalDate month)
      throws SQLException {
    update.setInt(index, write.workflowRuns());
    update.setDate(index + 1, Date.valueOf(month));
    update.setBigDecimal(index + 2, write.amount());
  }

  /**
   * Counts a charge toward its key, inside the charge's transaction, after the account's debit (so
   * the account's row lock comes first, as in every other path). Refused past the key's limit
   * unless {@code settles}; the caller's rollback then undoes the account's debit too.
   */
  static void debitKey(Connection connection, ChargeWrite write, LocalDate month, boolean settles)
      throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(KEY_DEBIT)) {
      update.setDate(1, Date.valueOf(month));
      update.setBigDecimal(2, write.amount());
      update.setDate(3, Date.valueOf(month));
      update.setLong(4, write.apiKeyId());
      update.setLong(5, write.accountId());
      update.setBoolean(6, settles);
      update.setDate(7, Date.valueOf(month));
      update.setBigDecimal(8, write.amount());
      if (update.executeUpdate() == 1) {
        return;
      }
    }
    throw keyRefusal(connection, write, month);
  }

  private static BillingException keyRefusal(
      Connection connection, ChargeWrite write, LocalDate month) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(KEY)) {
      select.setLong(1, write.apiKeyId());
      select.setLong(2, write.accountId());
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return keyNotFound(write);
        }
        return spendLimitReached(
            "key", row.getBigDecimal(1), spentIn(month, row.getObject(2, LocalDate.class), row, 3));
      }
    }
  }

  static BillingException keyNotFound(ChargeWrite write) {
    return new BillingException(
        ErrorCode.API_KEY_NOT_FOUND,
        "no key " + write.apiKeyId() + " on account " + write.accountId(),
        "apiKeyId");
  }

  /** What {@code spent} counts toward {@code month}: nothing when it counts an earlier one. */
  static BigDecimal spentIn(LocalDate month, LocalDate spendMonth, ResultSet row, int column)
      throws SQLException {
    return month.equals(spendMonth) ? row.getBigDecimal(column) : Money.of(BigDecimal.ZERO);
  }

  static BillingException spendLimitReached(String scope, BigDecimal limit, BigDecimal spent) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("scope", scope);
    details.put("limit", Money.format(limit));
    details.put("spent", Money.format(spent));
    return new BillingException(
        ErrorCode.SPEND_LIMIT_REACHED,
        "this call would take the "
            + scope
            + "'s spending this month past its limit of "
            + Money.format(limit)
            + " USD",
        null,
        details);
  }

  static BillingException workflowQuotaReached(int used, int quota, String upgradeTo) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("upgradeTo", upgradeTo);
    details.put("used", used);
    details.put("quota", quota);
    return new BillingException(
        ErrorCode.WORKFLOW_QUOTA_REACHED,
        "this period's workflow runs through the API have reached the plan's quota of "
            + quota
            + "; upgrade to "
            + upgradeTo
            + " to continue (runs from the editor are not limited)",
        null,
        details);
  }
}
