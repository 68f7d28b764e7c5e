package io.tally.pricing.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** The shared formulas, for any rate and duration: exact, rounded once, monotone, bounded. */
class FormulasPropertiesTest {

  /** Rates as an admin writes them: zero to $100 a second, up to 9 decimal places. */
  @Provide
  Arbitrary<BigDecimal> rates() {
    return Arbitraries.bigDecimals()
        .between(BigDecimal.ZERO, new BigDecimal("100"))
        .ofScale(9)
        .map(BigDecimal::stripTrailingZeros);
  }

  @Property(tries = 100)
  void perSecondIsRateTimesSecondsRoundedHalfUp(
      @ForAll("rates") BigDecimal rate,
      @ForAll @LongRange(max = UsageFacts.MAX_DURATION_MS) long durationMs) {
    LineItem item = Formulas.perSecond(sheet(rate), UsageFacts.ofDuration(durationMs));

    BigDecimal expected =
        rate.multiply(BigDecimal.valueOf(durationMs))
            .divide(BigDecimal.valueOf(1000))
            .setScale(6, RoundingMode.HALF_UP);
    assertEquals(expected, item.amount());
    assertEquals(6, item.amount().scale());
    assertTrue(item.amount().signum() >= 0);
    assertEquals(LineItem.round(item.quantity().multiply(item.unitPrice())), item.amount());
  }

  @Property(tries = 100)
  void aLongerCallNeverCostsLess(
      @ForAll("rates") BigDecimal rate,
      @ForAll @LongRange(max = UsageFacts.MAX_DURATION_MS) long a,
      @ForAll @LongRange(max = UsageFacts.MAX_DURATION_MS) long b) {
    long shorter = Math.min(a, b);
    long longer = Math.max(a, b);

    BigDecimal less = Formulas.perSecond(sheet(rate), UsageFacts.ofDuration(shorter)).amount();
    BigDecimal more = Formulas.perSecond(sheet(rate), UsageFacts.ofDuration(longer)).amount();

    assertTrue(
        more.compareTo(less) >= 0, shorter + " ms cost " + less + ", " + longer + " ms " + more);
  }

  @Property(tries = 100)
  void refusesADurationOutOfBoundsNamingIt(
      @ForAll("rates") BigDecimal rate, @ForAll("outOfBoundsDurations") long durationMs) {
    PricingException refused =
        assertThrows(
            PricingException.class,
            () -> Formulas.perSecond(sheet(rate), UsageFacts.ofDuration(durationMs)));

    assertEquals("durationMs", refused.field());
  }

  @Provide
  Arbitrary<Long> outOfBoundsDurations() {
    return Arbitraries.oneOf(
        Arbitraries.longs().lessOrEqual(-1),
        Arbitraries.longs().greaterOrEqual(UsageFacts.MAX_DURATION_MS + 1));
  }

  @Property(tries = 100)
  void megapixelsAreExact(
      @ForAll @LongRange(min = Formulas.MIN_DIMENSION, max = Formulas.MAX_DIMENSION) long width,
      @ForAll @LongRange(min = Formulas.MIN_DIMENSION, max = Formulas.MAX_DIMENSION) long height) {
    BigDecimal megapixels = Formulas.megapixels(width, height);

    assertEquals(BigDecimal.valueOf(width * height), megapixels.movePointRight(6).setScale(0));
  }

  @Property(tries = 100)
  void aQuoteTotalsItsLines(@ForAll("lines") List<LineItem> lines) {
    Quote quote = new Quote(lines);

    BigDecimal sum = BigDecimal.ZERO;
    for (LineItem line : lines) {
      sum = sum.add(line.amount());
    }
    assertEquals(sum.setScale(6), quote.total());
    assertEquals(6, quote.total().scale());
  }

  @Provide
  Arbitrary<List<LineItem>> lines() {
    Arbitrary<LineItem> line =
        net.jqwik.api.Combinators.combine(
                Arbitraries.bigDecimals()
                    .between(BigDecimal.ZERO, new BigDecimal("86400"))
                    .ofScale(3),
                rates())
            .as((quantity, price) -> LineItem.of("line", quantity, "second", price));
    return line.list().ofMinSize(1).ofMaxSize(100);
  }

  private static PriceSheet sheet(BigDecimal rate) {
    return new PriceSheet(Formulas.PER_SECOND, Map.of("ratePerSecond", rate));
  }
}
