package io.tally.pricing.image;

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
 * The image family for any price, size and count: a well-formed quote equal to the formula,
 * monotone in pixels and images, the same every time, and a refusal naming any parameter out of
 * bounds. (The plugin test kit will grow from properties like these.)
 */
class ImagePricingPropertiesTest {

  private final ImagePricing plugin = new ImagePricing();

  @Provide
  Arbitrary<BigDecimal> prices() {
    return Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("10")).ofScale(7);
  }

  @Property(tries = 100)
  void perImageIsPriceTimesSizeFactorTimesCount(
      @ForAll("prices") BigDecimal price,
      @ForAll @IntRange(min = 64, max = 8192) int width,
      @ForAll @IntRange(min = 64, max = 8192) int height,
      @ForAll @IntRange(min = 1, max = 16) int images) {
    Quote quote = plugin.price(perImage(price), call(width, height, images));

    wellFormed(quote);
    BigDecimal megapixels = BigDecimal.valueOf((long) width * height).movePointLeft(6);
    BigDecimal expected =
        price
            .multiply(megapixels.max(BigDecimal.ONE))
            .multiply(BigDecimal.valueOf(images))
            .setScale(6, RoundingMode.HALF_UP);
    assertEquals(expected, quote.total());
  }

  @Property(tries = 100)
  void moreImagesOrPixelsNeverCostLess(
      @ForAll("prices") BigDecimal price,
      @ForAll @IntRange(min = 64, max = 8191) int width,
      @ForAll @IntRange(min = 64, max = 8191) int height,
      @ForAll @IntRange(min = 1, max = 15) int images) {
    BigDecimal base = total(perImage(price), call(width, height, images));

    assertTrue(total(perImage(price), call(width + 1, height, images)).compareTo(base) >= 0);
    assertTrue(total(perImage(price), call(width, height + 1, images)).compareTo(base) >= 0);
    assertTrue(total(perImage(price), call(width, height, images + 1)).compareTo(base) >= 0);
  }

  @Property(tries = 150)
  void theSameCallAlwaysGetsTheSameQuote(
      @ForAll("prices") BigDecimal price,
      @ForAll @IntRange(min = 64, max = 8192) int width,
      @ForAll @IntRange(min = 1, max = 16) int images) {
    assertEquals(
        plugin.price(perImage(price), call(width, width, images)),
        plugin.price(perImage(price), call(width, width, images)));
  }

  @Property(tries = 150)
  void perSecondIsWellFormedAndMonotone(
      @ForAll("prices") BigDecimal rate,
      @ForAll @IntRange(min = 0, max = 86_399_999) int durationMs) {
    PriceSheet sheet = new PriceSheet("per_second", Map.of("ratePerSecond", rate));

    Quote quote = plugin.price(sheet, UsageFacts.ofDuration(durationMs));

    wellFormed(quote);
    assertTrue(
        plugin.price(sheet, UsageFacts.ofDuration(durationMs + 1L)).total().compareTo(quote.total())
            >= 0);
  }

  @Property(tries = 150)
  void refusesAnImageCountOutOfBoundsNamingIt(
      @ForAll("prices") BigDecimal price, @ForAll("badCounts") int images) {
    PricingException refused =
        assertThrows(
            PricingException.class, () -> plugin.price(perImage(price), call(1024, 1024, images)));

    assertEquals("parameters.numImages", refused.field());
  }

  @Property(tries = 150)
  void refusesASideOutOfBoundsNamingIt(
      @ForAll("prices") BigDecimal price, @ForAll("badSides") int side) {
    PricingException width =
        assertThrows(
            PricingException.class, () -> plugin.price(perImage(price), call(side, 1024, 1)));
    PricingException height =
        assertThrows(
            PricingException.class, () -> plugin.price(perImage(price), call(1024, side, 1)));

    assertEquals("parameters.width", width.field());
    assertEquals("parameters.height", height.field());
  }

  @Provide
  Arbitrary<Integer> badCounts() {
    return Arbitraries.oneOf(
        Arbitraries.integers().lessOrEqual(0), Arbitraries.integers().greaterOrEqual(17));
  }

  @Provide
  Arbitrary<Integer> badSides() {
    return Arbitraries.oneOf(
        Arbitraries.integers().lessOrEqual(63), Arbitraries.integers().greaterOrEqual(8193));
  }

  private BigDecimal total(PriceSheet sheet, UsageFacts usage) {
    return plugin.price(sheet, usage).total();
  }

  private static PriceSheet perImage(BigDecimal price) {
    return new PriceSheet("per_image", Map.of("pricePerImage", price));
  }

  private static UsageFacts call(long width, long height, long images) {
    return new UsageFacts(null, Map.of("width", width, "height", height, "numImages", images));
  }

  /** At least one line; each non-negative, in micro-dollars, quantity × unit price half-up. */
  static void wellFormed(Quote quote) {
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
