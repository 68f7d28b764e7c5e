package io.tally.billing.pricing;

import io.tally.billing.api.FailedCallPrice;
import io.tally.billing.api.LineItemView;
import io.tally.billing.api.Money;
import io.tally.billing.pricing.Pricer.PricedCall;
import java.math.BigDecimal;
import java.util.List;

/**
 * A failed call's price. The call is priced as if it had succeeded (by its plugin, so the rule
 * needs nothing from the plugin), then its price version's {@link FailedCallPrice} turns that into
 * one line: nothing when the version sets no rule. The line keeps who priced the call.
 */
final class FailedCalls {

  static final String UNIT = "failed call";

  private FailedCalls() {}

  static PricedCall price(PricedCall succeeded, FailedCallPrice rule) {
    FailedCallPrice applied = rule == null ? FailedCallPrice.FREE : rule;
    BigDecimal amount = applied.charge(succeeded.amount());
    String charged = Money.format(amount);
    LineItemView line =
        new LineItemView(
            succeeded.model(),
            describe(applied, succeeded.amount()),
            "1",
            UNIT,
            charged,
            charged,
            succeeded.pricedBy());
    return new PricedCall(
        succeeded.model(), List.of(line), succeeded.pricedBy(), succeeded.durationMs(), amount);
  }

  private static String describe(FailedCallPrice rule, BigDecimal succeeded) {
    String price = "$" + Money.format(succeeded);
    if (rule.isFree()) {
      return "Failed call, not charged (succeeded it would cost " + price + ")";
    }
    StringBuilder text = new StringBuilder("Failed call: ");
    if (rule.share() != null) {
      text.append(rule.share().stripTrailingZeros().toPlainString()).append(" × ").append(price);
    }
    if (rule.minimum() != null) {
      text.append(rule.share() != null ? ", at least $" : "$").append(Money.format(rule.minimum()));
    }
    return text.append(", at most ").append(price).toString();
  }
}
