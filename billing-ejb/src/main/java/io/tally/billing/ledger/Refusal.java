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

  static BillingException of(Connection connection, long accountId, BigDecimal required)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT balance, held, billing_mode, credit_limit, fair_use_used, fair_use_cap"
                + " FROM account WHERE id = ?")) {
      select.setLong(1, accountId);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return new BillingException(
              ErrorCode.ACCOUNT_NOT_FOUND, "no account " + accountId, "accountId");
        }
        BigDecimal balance = row.getBigDecimal(1);
        BigDecimal spendable =
            balance
                .subtract(row.getBigDecimal(2))
                .add(Objects.requireNonNullElse(row.getBigDecimal(4), BigDecimal.ZERO));
        BigDecimal cap = row.getBigDecimal(6);
        if (spendable.compareTo(required) >= 0
            && cap != null
            && row.getBigDecimal(5).compareTo(cap) >= 0) {
          return fairUseReached(row.getBigDecimal(5), cap);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("balance", Money.format(balance));
        details.put("available", Money.format(balance.subtract(row.getBigDecimal(2))));
        details.put("required", Money.format(required));
        if (BillingMode.valueOf(row.getString(3)) == BillingMode.POSTPAID) {
          details.put("creditLimit", Money.format(row.getBigDecimal(4)));
          return new BillingException(
              ErrorCode.CREDIT_LIMIT_EXCEEDED,
              "this call would take the account past its credit limit",
              null,
              details);
        }
        return new BillingException(
            ErrorCode.OUT_OF_CREDITS, "out of credits: add credit to continue", null, details);
      }
    }
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
