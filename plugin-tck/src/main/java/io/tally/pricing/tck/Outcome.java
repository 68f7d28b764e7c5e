package io.tally.pricing.tck;

import io.tally.pricing.spi.LineItem;
import io.tally.pricing.spi.PriceSheet;
import io.tally.pricing.spi.PricingException;
import io.tally.pricing.spi.PricingPlugin;
import io.tally.pricing.spi.Quote;
import io.tally.pricing.spi.UsageFacts;
import java.util.stream.Collectors;

/**
 * What one pricing gave: a quote, a refusal naming a field, or another exception. Equal outcomes
 * are what a pure plugin gives for equal inputs, down to the scale of each amount.
 */
record Outcome(Quote quote, String refusedField, String refusal, String error) {

  static Outcome of(PricingPlugin plugin, PriceSheet sheet, UsageFacts call) {
    try {
      return new Outcome(plugin.price(sheet, call), null, null, null);
    } catch (PricingException refused) {
      return new Outcome(null, refused.field(), refused.getMessage(), null);
    } catch (RuntimeException | LinkageError thrown) {
      return new Outcome(null, null, null, thrown.toString());
    }
  }

  boolean priced() {
    return quote != null;
  }

  boolean refused() {
    return refusedField != null || refusal != null;
  }

  @Override
  public String toString() {
    if (error != null) {
      return "threw " + error;
    }
    if (refused()) {
      return "refused naming " + refusedField + " (" + refusal + ")";
    }
    if (quote.lineItems() == null) {
      return "a quote without a line list";
    }
    return "total "
        + quote.total().toPlainString()
        + " of "
        + quote.lineItems().stream().map(Outcome::line).collect(Collectors.joining("; ", "[", "]"));
  }

  private static String line(LineItem item) {
    if (item == null) {
      return "null";
    }
    return item.description()
        + ": "
        + item.quantity().toPlainString()
        + " "
        + item.unit()
        + " x "
        + item.unitPrice().toPlainString()
        + " = "
        + item.amount().toPlainString();
  }
}
