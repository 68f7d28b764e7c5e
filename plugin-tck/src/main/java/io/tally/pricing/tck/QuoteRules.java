package io.tally.pricing.tck;

import io.tally.pricing.spi.LineItem;
import io.tally.pricing.spi.PricingPlugin;
import io.tally.pricing.spi.Quote;
import java.math.BigDecimal;

/**
 * Every sample call is priced, and its quote is what the server will accept: at least one line;
 * each amount in micro-dollars, not negative, and its quantity times its unit price rounded
 * half-up; the total their sum. {@link LineItem}'s constructor refuses most of this already, so a
 * plugin that breaks a rule usually fails here with the SPI's own words.
 */
final class QuoteRules {

  private QuoteRules() {}

  static void checkSampleQuotes(Subject subject) {
    PricingPlugin plugin = subject.plugin();
    Problems problems = new Problems("line items");
    for (Input input : subject.sampleInputs()) {
      Outcome outcome = input.priceWith(plugin);
      if (!outcome.priced()) {
        problems.add(input + " is not priced: it " + outcome);
        continue;
      }
      check(problems, input, outcome.quote());
    }
    problems.throwIfAny();
  }

  private static void check(Problems problems, Input input, Quote quote) {
    if (quote.lineItems() == null || quote.lineItems().isEmpty()) {
      problems.add(input + " gave a quote without line items");
      return;
    }
    BigDecimal sum = BigDecimal.ZERO;
    for (LineItem line : quote.lineItems()) {
      if (line == null) {
        problems.add(input + " gave a null line item");
        continue;
      }
      BigDecimal amount = line.amount();
      BigDecimal expected = LineItem.round(line.quantity().multiply(line.unitPrice()));
      String shown = input + ", line '" + line.description() + "'";
      if (amount.signum() < 0) {
        problems.add(shown + ": negative amount " + amount.toPlainString());
      }
      if (amount.scale() != LineItem.SCALE) {
        problems.add(shown + ": amount " + amount.toPlainString() + " is not to 6 places");
      }
      if (amount.compareTo(expected) != 0) {
        problems.add(
            shown
                + ": amount "
                + amount.toPlainString()
                + " is not "
                + line.quantity().toPlainString()
                + " x "
                + line.unitPrice().toPlainString()
                + " rounded half-up to 6 places, "
                + expected.toPlainString());
      }
      sum = sum.add(amount);
    }
    if (quote.total().compareTo(sum) != 0) {
      problems.add(input + ": total " + quote.total() + " is not the sum of the lines, " + sum);
    }
  }
}
