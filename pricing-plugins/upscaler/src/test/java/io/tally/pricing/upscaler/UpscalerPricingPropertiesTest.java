package io.tally.pricing.upscaler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.pricing.spi.LineItem;
import io.tally.pricing.spi.PriceSheet;
import io.tally.pricing.spi.PricingException;
import io.tally.pricing.spi.Quote;
import io.tally.pricing.spi.UsageFacts;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The upscaler family for any price and output size: a well-formed quote equal to price × output
 * megapixels, monotone in pixels, the same every time, and a refusal naming a side out of bounds.
 */
class UpscalerPricingPropertiesTest {

  private final UpscalerPricing plugin = new UpscalerPricing();

  @Provide
  Arbitrary<BigDecimal> prices() {
    return Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("1")).ofScale(8);
  }

  @Property(tries = 100)
  void isPriceTimesOutputMegapixelsRoundedHalfUp(
      @ForAll("prices") BigDecimal price,
      @ForAll @IntRange(min = 64, max = 8192) int width,
      @ForAll @IntRange(min = 64, max = 8192) int height) {
    Quote quote = plugin.price(sheet(price), output(width, height));

    wellFormed(quote);
    BigDecimal megapixels = BigDecimal.valueOf((long) width * height).movePointLeft(6);
    assertEquals(price.multiply(megapixels).setScale(6, RoundingMode.HALF_UP), quote.total());
  }

  @Property(tries = 100)
  void morePixelsNeverCostLess(
      @ForAll("prices") BigDecimal price,
      @ForAll @IntRange(min = 64, max = 8191) int width,
      @ForAll @IntRange(min = 64, max = 8191) int height) {
    BigDecimal base = plugin.price(sheet(price), output(width, height)).total();

    assertTrue(plugin.price(sheet(price), output(width + 1, height)).total().compareTo(base) >= 0);
    assertTrue(plugin.price(sheet(price), output(width, height + 1)).total().compareTo(base) >= 0);
  }

  @Property(tries = 150)
  void theSameOutputAlwaysGetsTheSameQuote(
      @ForAll("prices") BigDecimal price, @ForAll @IntRange(min = 64, max = 8192) int side) {
    assertEquals(
        plugin.price(sheet(price), output(side, side)),
        plugin.price(sheet(price), output(side, side)));
  }

  @Property(tries = 150)
  void refusesASideOutOfBoundsNamingIt(
      @ForAll("prices") BigDecimal price, @ForAll("badSides") int side) {
    PricingException width =
        assertThrows(PricingException.class, () -> plugin.price(sheet(price), output(side, 1024)));
    PricingException height =
        assertThrows(PricingException.class, () -> plugin.price(sheet(price), output(1024, side)));

    assertEquals("parameters.outputWidth", width.field());
    assertEquals("parameters.outputHeight", height.field());
  }

  @Provide
  Arbitrary<Integer> badSides() {
    return Arbitraries.oneOf(
        Arbitraries.integers().lessOrEqual(63), Arbitraries.integers().greaterOrEqual(8193));
  }

  private static PriceSheet sheet(BigDecimal price) {
    return new PriceSheet("per_output_megapixel", Map.of("pricePerMegapixel", price));
  }

  private static UsageFacts output(long width, long height) {
    return new UsageFacts(null, Map.of("outputWidth", width, "outputHeight", height));
  }

  /** At least one line; each non-negative, in micro-dollars, quantity × unit price half-up. */
  private static void wellFormed(Quote quote) {
    assertTrue(!quote.lineItems().isEmpty(), "no line items");
    BigDecimal sum = BigDecimal.ZERO.setScale(6);
    for (LineItem line : quote.lineItems()) {
      assertEquals(6, line.amount().scale(), line.toString());
      assertTrue(line.amount().signum() >= 0, line.toString());
      assertEquals(
          line.quantity().multiply(line.unitPrice()).setScale(6, RoundingMode.HALF_UP),
          line.amount(),
          line.toString());
      sum = sum.add(line.amount());
    }
    assertEquals(sum, quote.total());
  }
}
