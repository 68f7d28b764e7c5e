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
  void refusesAQuoteWithoutLines() {
    assertRefused(new Quote(List.of()), "returned no line items");
  }

  @Test
  void refusesAMissingQuote() {
    assertRefused(null, "returned no line items");
  }

  @Test
  void refusesANegativeAmount() {
    assertRefused(Quote.of(line("-1", "0.25", "-0.250000")), "negative amount -0.250000");
  }

  @Test
  void refusesAnAmountFinerThanAMicroDollar() {
    assertRefused(
        Quote.of(line("1", "0.0000001", "0.0000001")), "finer than a micro-dollar: 0.0000001");
  }

  @Test
  void refusesALineWhoseAmountIsNotQuantityTimesUnitPrice() {
    assertRefused(
        Quote.of(line("4", "0.28", "1.120000"), line("3", "0.000725", "0.002174")),
        "amount 0.002174 is not quantity 3 x unit price 0.000725");
  }

  @Test
  void refusesALineRoundedTheWrongWay() {
    // 3 x 0.0000005 = 0.0000015: half-up gives 0.000002, not 0.000001.
    assertRefused(Quote.of(line("3", "0.0000005", "0.000001")), "is not quantity 3");
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
