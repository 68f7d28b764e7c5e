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

/** Why a conditional debit or hold did not apply: no such account, or not enough to spend. */
final class Refusal {

  private Refusal() {}

  static BillingException of(Connection connection, long accountId, BigDecimal required)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT balance, held, billing_mode, credit_limit FROM account WHERE id = ?")) {
      select.setLong(1, accountId);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return new BillingException(
              ErrorCode.ACCOUNT_NOT_FOUND, "no account " + accountId, "accountId");
        }
        BigDecimal balance = row.getBigDecimal(1);
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
}
