package io.tally.billing.ledger;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.BillingMode;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.api.Money;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Why a conditional debit or hold did not apply: no such account, not enough to spend, or (with
 * enough to spend) the fair-use cap of the account's plan reached for this period, its workflow
 * quota used up (API workflow runs only), or the account's monthly spend limit in the way.
 */
final class Refusal {

  /** Where a customer at the fair-use cap is directed: the post-paid plan without one. */
  static final String UPGRADE_PLAN = "ENTERPRISE";

  private Refusal() {}

  /** The columns of an account that decide a refusal. */
  record Snapshot(
      BigDecimal balance,
      BigDecimal held,
      BillingMode mode,
      BigDecimal creditLimit,
      BigDecimal fairUseUsed,
      BigDecimal fairUseCap,
      int workflowUsed,
      Integer workflowQuota,
      BigDecimal spendLimit,
      BigDecimal spent,
      String upgradeTo) {

    /**
     * Reads them from a row holding {@link Refusal#COLUMNS} from column {@code first} on; {@code
     * spent} as it counts toward {@code month}.
     */
    static Snapshot read(ResultSet row, int first, LocalDate month) throws SQLException {
      return new Snapshot(
          row.getBigDecimal(first),
          row.getBigDecimal(first + 1),
          BillingMode.valueOf(row.getString(first + 2)),
          row.getBigDecimal(first + 3),
          row.getBigDecimal(first + 4),
          row.getBigDecimal(first + 5),
          row.getInt(first + 6),
          row.getObject(first + 7, Integer.class),
          row.getBigDecimal(first + 8),
          LimitSql.spentIn(month, row.getObject(first + 9, LocalDate.class), row, first + 10),
          Objects.requireNonNullElse(row.getString(first + 11), UPGRADE_PLAN));
    }

    /** The same account after (or, with negative values, before) a charge. */
    Snapshot with(
        BigDecimal balance,
        BigDecimal held,
        BigDecimal fairUseUsed,
        int workflowUsed,
        BigDecimal spent) {
      return new Snapshot(
          balance,
          held,
          mode,
          creditLimit,
          fairUseUsed,
          fairUseCap,
          workflowUsed,
          workflowQuota,
          spendLimit,
          spent,
          upgradeTo);
    }
  }

  /** The plan a customer at the workflow quota is directed to: the next self-serve one without. */
  private static final String UPGRADE =
      "(SELECT u.id FROM plan u WHERE u.workflow_quota IS NULL AND u.self_serve AND u.position >"
          + " (SELECT p.position FROM plan p WHERE p.id = account.plan) ORDER BY u.position LIMIT 1)";

  static final String COLUMNS =
      "balance, held, billing_mode, credit_limit, fair_use_used, fair_use_cap, workflow_used,"
          + " workflow_quota, spend_limit, spend_month, spent, "
          + UPGRADE;

  /** How many columns {@link #COLUMNS} holds. */
  static final int COLUMN_COUNT = 12;

  private static final String SELECT = "SELECT " + COLUMNS + " FROM account WHERE id = ?";

  /** Why a hold of {@code required} was refused. */
  static BillingException of(
      Connection connection, long accountId, BigDecimal required, LocalDate month)
      throws SQLException {
    return of(connection, accountId, required, 0, month);
  }

  /** Why a debit of {@code required}, adding {@code workflowRuns} to the quota, was refused. */
  static BillingException of(
      Connection connection, long accountId, BigDecimal required, int workflowRuns, LocalDate month)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(SELECT)) {
      select.setLong(1, accountId);
      try (ResultSet row = select.executeQuery()) {
        return row.next()
            ? of(Snapshot.read(row, 1, month), required, workflowRuns)
            : notFound(accountId);
      }
    }
  }

  static BillingException notFound(long accountId) {
    return new BillingException(
        ErrorCode.ACCOUNT_NOT_FOUND, "no account " + accountId, "accountId");
  }

  /** Why a debit of {@code required} did not apply to an account in this state. */
  static BillingException of(Snapshot account, BigDecimal required, int workflowRuns) {
    BigDecimal spendable =
        account
            .balance()
            .subtract(account.held())
            .add(Objects.requireNonNullElse(account.creditLimit(), BigDecimal.ZERO));
    BigDecimal cap = account.fairUseCap();
    if (spendable.compareTo(required) >= 0
        && cap != null
        && account.fairUseUsed().compareTo(cap) >= 0) {
      return fairUseReached(account.fairUseUsed(), cap);
    }
    Integer quota = account.workflowQuota();
    if (spendable.compareTo(required) >= 0
        && workflowRuns > 0
        && quota != null
        && account.workflowUsed() >= quota) {
      return LimitSql.workflowQuotaReached(account.workflowUsed(), quota, account.upgradeTo());
    }
    BigDecimal limit = account.spendLimit();
    if (spendable.compareTo(required) >= 0
        && limit != null
        && account.spent().add(account.held()).add(required).compareTo(limit) > 0) {
      return LimitSql.spendLimitReached("account", limit, account.spent());
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("balance", Money.format(account.balance()));
    details.put("available", Money.format(account.balance().subtract(account.held())));
    details.put("required", Money.format(required));
    if (account.mode() == BillingMode.POSTPAID) {
      details.put("creditLimit", Money.format(account.creditLimit()));
      return new BillingException(
          ErrorCode.CREDIT_LIMIT_EXCEEDED,
          "this call would take the account past its credit limit",
          null,
          details);
    }
    return new BillingException(
        ErrorCode.OUT_OF_CREDITS, "out of credits: add credit to continue", null, details);
  }

  /** The cap is reached; the way past it is the plan without one. */
  private static BillingException fairUseReached(BigDecimal used, BigDecimal cap) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("upgradeTo", UPGRADE_PLAN);
    details.put("used", Money.format(used));
    details.put("fairUseCap", Money.format(cap));
    return new BillingException(
        ErrorCode.FAIR_USE_LIMIT_REACHED,
        "this period's usage has reached the plan's fair-use limit of "
            + Money.format(cap)
            + "; upgrade to "
            + UPGRADE_PLAN
            + " to continue",
        null,
        details);
  }
}
