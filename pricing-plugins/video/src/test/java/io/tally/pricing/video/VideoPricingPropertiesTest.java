package io.tally.pricing.video;

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
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The video family for any rates and clip length: a well-formed quote equal to rate × seconds,
 * monotone in seconds, the same every time, and a refusal naming a parameter out of bounds.
 */
class VideoPricingPropertiesTest {

  private static final String[] TIERS = {"480p", "720p", "1080p"};

  private final VideoPricing plugin = new VideoPricing();

  @Provide
  Arbitrary<BigDecimal> rates() {
    return Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("5")).ofScale(7);
  }

  /** Clip lengths the family accepts: more than zero, at most 600 s, to the millisecond. */
  @Provide
  Arbitrary<BigDecimal> seconds() {
    return Arbitraries.bigDecimals()
        .between(new BigDecimal("0.001"), new BigDecimal("600"))
        .ofScale(3);
  }

  @Provide
  Arbitrary<String> tiers() {
    return Arbitraries.of(TIERS);
  }

  @Property(tries = 100)
  void isRateTimesSecondsRoundedHalfUp(
      @ForAll("rates") BigDecimal rate,
      @ForAll("seconds") BigDecimal seconds,
      @ForAll("tiers") String tier) {
    Quote quote = plugin.price(sheet(rate), clip(seconds, tier));

    wellFormed(quote);
    BigDecimal tierRate =
        (BigDecimal) ((Map<?, ?>) sheet(rate).values().get("ratesByResolution")).get(tier);
    assertEquals(tierRate.multiply(seconds).setScale(6, RoundingMode.HALF_UP), quote.total());
  }

  @Property(tries = 100)
  void aLongerClipNeverCostsLess(
      @ForAll("rates") BigDecimal rate,
      @ForAll("seconds") BigDecimal a,
      @ForAll("seconds") BigDecimal b,
      @ForAll("tiers") String tier) {
    BigDecimal shorter = a.min(b);
    BigDecimal longer = a.max(b);

    BigDecimal less = plugin.price(sheet(rate), clip(shorter, tier)).total();
    BigDecimal more = plugin.price(sheet(rate), clip(longer, tier)).total();

    assertTrue(more.compareTo(less) >= 0);
  }

  @Property(tries = 150)
  void theSameClipAlwaysGetsTheSameQuote(
      @ForAll("rates") BigDecimal rate,
      @ForAll("seconds") BigDecimal seconds,
      @ForAll("tiers") String tier) {
    assertEquals(
        plugin.price(sheet(rate), clip(seconds, tier)),
        plugin.price(sheet(rate), clip(seconds, tier)));
  }

  @Property(tries = 150)
  void refusesSecondsOutOfBoundsNamingThem(
      @ForAll("rates") BigDecimal rate, @ForAll("badSeconds") BigDecimal seconds) {
    PricingException refused =
        assertThrows(
            PricingException.class, () -> plugin.price(sheet(rate), clip(seconds, "720p")));

    assertEquals("parameters.seconds", refused.field());
  }

  @Provide
  Arbitrary<BigDecimal> badSeconds() {
    return Arbitraries.oneOf(
        Arbitraries.bigDecimals().lessOrEqual(BigDecimal.ZERO).ofScale(3),
        Arbitraries.bigDecimals().greaterThan(new BigDecimal("600")).ofScale(3));
  }

  @Property(tries = 100)
  void refusesAResolutionTheSheetDoesNotSellNamingIt(
      @ForAll("rates") BigDecimal rate,
      @ForAll("seconds") BigDecimal seconds,
      @ForAll String tier) {
    net.jqwik.api.Assume.that(!java.util.List.of(TIERS).contains(tier));

    PricingException refused =
        assertThrows(PricingException.class, () -> plugin.price(sheet(rate), clip(seconds, tier)));

    assertEquals("parameters.resolution", refused.field());
  }

  private static PriceSheet sheet(BigDecimal rate) {
    Map<String, Object> rates = new LinkedHashMap<>();
    rates.put("480p", rate);
    rates.put("720p", rate.multiply(BigDecimal.valueOf(2)));
    rates.put("1080p", rate.multiply(BigDecimal.valueOf(4)));
    return new PriceSheet("per_output_second", Map.of("ratesByResolution", rates));
  }

  private static UsageFacts clip(BigDecimal seconds, String resolution) {
    return new UsageFacts(null, Map.of("seconds", seconds, "resolution", resolution));
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
