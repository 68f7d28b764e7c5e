package io.tally.pricing.finetune;

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
import net.jqwik.api.constraints.LongRange;

/**
 * Fine-tuning for any duration: at the published $0.001 a second it costs exactly a micro-dollar
 * per millisecond; for any rate it is well formed, monotone, the same every time, and a duration
 * out of bounds is refused by name.
 */
class FinetunePricingPropertiesTest {

  private static final PriceSheet PUBLISHED =
      new PriceSheet("per_second", Map.of("ratePerSecond", "0.001"));

  private final FinetunePricing plugin = new FinetunePricing();

  @Property(tries = 100)
  void thePublishedRateIsAMicroDollarPerMillisecond(
      @ForAll @LongRange(max = UsageFacts.MAX_DURATION_MS) long durationMs) {
    Quote quote = plugin.price(PUBLISHED, UsageFacts.ofDuration(durationMs));

    wellFormed(quote);
    assertEquals(BigDecimal.valueOf(durationMs, 6), quote.total());
  }

  @Property(tries = 100)
  void aLongerJobNeverCostsLessAndTheSameJobCostsTheSame(
      @ForAll("rates") BigDecimal rate,
      @ForAll @LongRange(max = UsageFacts.MAX_DURATION_MS - 1) long durationMs) {
    PriceSheet sheet = new PriceSheet("per_second", Map.of("ratePerSecond", rate));

    Quote quote = plugin.price(sheet, UsageFacts.ofDuration(durationMs));

    wellFormed(quote);
    assertEquals(quote, plugin.price(sheet, UsageFacts.ofDuration(durationMs)));
    assertTrue(
        plugin.price(sheet, UsageFacts.ofDuration(durationMs + 1)).total().compareTo(quote.total())
            >= 0);
  }

  @Property(tries = 150)
  void refusesADurationOutOfBoundsNamingIt(@ForAll("badDurations") long durationMs) {
    PricingException refused =
        assertThrows(
            PricingException.class,
            () -> plugin.price(PUBLISHED, UsageFacts.ofDuration(durationMs)));

    assertEquals("durationMs", refused.field());
  }

  @Provide
  Arbitrary<BigDecimal> rates() {
    return Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("1")).ofScale(9);
  }

  @Provide
  Arbitrary<Long> badDurations() {
    return Arbitraries.oneOf(
        Arbitraries.longs().lessOrEqual(-1),
        Arbitraries.longs().greaterOrEqual(UsageFacts.MAX_DURATION_MS + 1));
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
