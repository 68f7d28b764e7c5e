package io.tally.billing.pricing;

import io.tally.billing.api.BillingException;
import io.tally.pricing.spi.LineItem;
import io.tally.pricing.spi.Quote;
import java.math.BigDecimal;
import java.util.List;

/**
 * The core's check of what a plugin returns, so a faulty plugin cannot put a wrong amount on the
 * ledger: at least one line; every amount present, non-negative, in micro-dollars, and equal to its
 * quantity times its unit price rounded half-up. A quote that fails is the plugin's fault: {@code
 * 502 pricing_failed} naming the plugin.
 */
final class QuoteChecker {

  private QuoteChecker() {}

  static List<LineItem> check(String pluginId, Quote quote) {
    if (quote == null || quote.lineItems() == null || quote.lineItems().isEmpty()) {
      throw fault(pluginId, "returned no line items");
    }
    for (LineItem item : quote.lineItems()) {
      if (item == null) {
        throw fault(pluginId, "returned a null line item");
      }
      BigDecimal amount = item.amount();
      if (amount.signum() < 0) {
        throw fault(pluginId, "returned a negative amount " + amount.toPlainString());
      }
      if (amount.stripTrailingZeros().scale() > LineItem.SCALE) {
        throw fault(
            pluginId, "returned an amount finer than a micro-dollar: " + amount.toPlainString());
      }
      if (amount.compareTo(LineItem.round(item.quantity().multiply(item.unitPrice()))) != 0) {
        throw fault(
            pluginId,
            "returned a line whose amount "
                + amount.toPlainString()
                + " is not quantity "
                + item.quantity().toPlainString()
                + " x unit price "
                + item.unitPrice().toPlainString());
      }
    }
    return quote.lineItems();
  }

  private static BillingException fault(String pluginId, String what) {
    return PricingFailures.refusal(pluginId, "pricing plugin '" + pluginId + "' " + what);
  }
}
