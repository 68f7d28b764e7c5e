package io.tally.billing.payment;

import io.tally.billing.api.Money;
import io.tally.billing.api.NotificationType;
import io.tally.billing.notification.Notice;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** What the customer is told about a recharge; each notice keyed by the recharge, so told once. */
final class RechargeNotices {

  private RechargeNotices() {}

  static Notice succeeded(RechargeRow row, BigDecimal balance) {
    return new Notice(
        row.accountId(),
        NotificationType.RECHARGE_SUCCEEDED,
        "recharge-succeeded:" + row.id(),
        "Your account was credited " + dollars(row.amount()),
        what(row)
            + " of "
            + dollars(row.amount())
            + " succeeded. Your balance is "
            + dollars(balance)
            + ".");
  }

  static Notice failed(RechargeRow row, String reason) {
    return new Notice(
        row.accountId(),
        NotificationType.RECHARGE_FAILED,
        "recharge-failed:" + row.id(),
        "A recharge of " + dollars(row.amount()) + " did not go through",
        what(row)
            + " of "
            + dollars(row.amount())
            + " with "
            + row.paymentMethod()
            + " did not go through: "
            + reason
            + " Your balance is unchanged.");
  }

  static Notice autoRechargeDisabled(RechargeRow row, String reason) {
    return new Notice(
        row.accountId(),
        NotificationType.AUTO_RECHARGE_DISABLED,
        "auto-recharge-disabled:" + row.id(),
        "Auto-recharge is turned off",
        "Auto-recharge of "
            + dollars(row.amount())
            + " with "
            + row.paymentMethod()
            + " did not go through ("
            + reason
            + "), so it is turned off. Turn it on again with"
            + " a working payment method to keep your balance topped up.");
  }

  private static String what(RechargeRow row) {
    return row.origin() == RechargeRow.Origin.AUTO ? "An auto-recharge" : "Your recharge";
  }

  private static String dollars(BigDecimal amount) {
    return "$" + Money.of(amount).setScale(2, RoundingMode.HALF_UP).toPlainString();
  }
}
