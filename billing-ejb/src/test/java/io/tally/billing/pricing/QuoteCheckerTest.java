package io.tally.billing.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.ErrorCode;
import io.tally.pricing.spi.LineItem;
import io.tally.pricing.spi.Quote;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The core refuses a quote that would put a wrong amount on the ledger, naming the plugin. */
class QuoteCheckerTest {

  private static final String PLUGIN = "acme-video";

  @Test
  void passesLinesWhoseAmountsAreTheirRoundedProducts() {
    LineItem halfUp = line("3", "0.0000005", "0.000002");
    LineItem trailingZeros = line("2.5", "0.09", "0.225000000");

    List<LineItem> checked = QuoteChecker.check(PLUGIN, Quote.of(halfUp, trailingZeros));

    assertEquals(List.of(halfUp, trailingZeros), checked);
  }

  @Test
  void refusesAMissingQuote() {
    assertRefused(null, "returned no line items");
  }

  /**
   * The lines the checker refuses (negative, finer than a micro-dollar, not the rounded product)
   * and a quote without lines cannot be built with this SPI: its constructors refuse them first.
   * The checker stays for whatever a plugin returns by other means.
   */
  @Test
  void theQuotesTheCheckerRefusesCannotBeBuiltWithThisSpi() {
    assertThrows(IllegalArgumentException.class, () -> line("-1", "0.25", "-0.250000"));
    assertThrows(IllegalArgumentException.class, () -> line("1", "0.0000001", "0.0000001"));
    assertThrows(IllegalArgumentException.class, () -> line("3", "0.000725", "0.002174"));
    assertThrows(IllegalArgumentException.class, () -> line("3", "0.0000005", "0.000001"));
    assertThrows(IllegalArgumentException.class, () -> new Quote(List.of()));
  }

  private static LineItem line(String quantity, String unitPrice, String amount) {
    return new LineItem(
        "test line",
        new BigDecimal(quantity),
        "second",
        new BigDecimal(unitPrice),
        new BigDecimal(amount));
  }

  private static void assertRefused(Quote quote, String reason) {
    BillingException refused =
        assertThrows(BillingException.class, () -> QuoteChecker.check(PLUGIN, quote));
    assertEquals(ErrorCode.PRICING_FAILED, refused.code());
    assertEquals(PLUGIN, refused.details().get("plugin"));
    assertTrue(
        refused.getMessage().startsWith("pricing plugin '" + PLUGIN + "' "), refused.getMessage());
    assertTrue(refused.getMessage().contains(reason), refused.getMessage());
  }
}
