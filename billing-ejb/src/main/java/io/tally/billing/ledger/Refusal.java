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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Why a conditional debit or hold did not apply: no such account, not enough to spend, or (with
 * enough to spend) the fair-use cap of the account's plan reached for this period.
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
      BigDecimal fairUseCap) {

    /** Reads them from a row holding {@link Refusal#COLUMNS} from column {@code first} on. */
    static Snapshot read(ResultSet row, int first) throws SQLException {
      return new Snapshot(
          row.getBigDecimal(first),
          row.getBigDecimal(first + 1),
          BillingMode.valueOf(row.getString(first + 2)),
          row.getBigDecimal(first + 3),
          row.getBigDecimal(first + 4),
          row.getBigDecimal(first + 5));
    }
  }

  static final String COLUMNS =
      "balance, held, billing_mode, credit_limit, fair_use_used, fair_use_cap";

  private static final String SELECT = "SELECT " + COLUMNS + " FROM account WHERE id = ?";

  static BillingException of(Connection connection, long accountId, BigDecimal required)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(SELECT)) {
      select.setLong(1, accountId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? of(Snapshot.read(row, 1), required) : notFound(accountId);
      }
    }
  }

  static BillingException notFound(long accountId) {
    return new BillingException(
        ErrorCode.ACCOUNT_NOT_FOUND, "no account " + accountId, "accountId");
  }

  /** Why a debit of {@code required} did not apply to an account in this state. */
  static BillingException of(Snapshot account, BigDecimal required) {
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
