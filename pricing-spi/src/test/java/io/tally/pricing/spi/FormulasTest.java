package io.tally.pricing.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormulasTest {

  private static final PriceSheet RATE =
      new PriceSheet(Formulas.PER_SECOND, Map.of("ratePerSecond", "0.0004"));

  @Test
  void perSecondChargesTheRateForEachSecondOfTheCall() {
    LineItem item = Formulas.perSecond(RATE, UsageFacts.ofDuration(12_500));

    assertEquals(new BigDecimal("0.005000"), item.amount());
    assertEquals(new BigDecimal("12.5"), item.quantity());
    assertEquals("second", item.unit());
    assertEquals(new BigDecimal("0.0004"), item.unitPrice());
    assertEquals("12.5 s on GPU", item.description());
  }

  @Test
  void perSecondKeepsTheDescriptionItIsGiven() {
    LineItem item = Formulas.perSecond(RATE, UsageFacts.ofDuration(1_000), "1 s of work");

    assertEquals("1 s of work", item.description());
    assertEquals(new BigDecimal("0.000400"), item.amount());
  }

  @Test
  void perSecondNeedsADuration() {
    PricingException refused =
        assertThrows(
            PricingException.class, () -> Formulas.perSecond(RATE, new UsageFacts(null, null)));

    assertEquals("durationMs", refused.field());
  }

  @Test
  void validatePerSecondNeedsARate() {
    PricingException refused =
        assertThrows(
            PricingException.class,
            () -> Formulas.validatePerSecond(new PriceSheet(Formulas.PER_SECOND, Map.of())));

    assertEquals("pricing.ratePerSecond", refused.field());
  }

  @Test
  void secondsAreExactThousandthsOfTheDuration() {
    assertEquals(new BigDecimal("7987.5"), Formulas.seconds(UsageFacts.ofDuration(7_987_500)));
    assertEquals(new BigDecimal("0.001"), Formulas.seconds(UsageFacts.ofDuration(1)));
  }

  @Test
  void megapixelsAreExactToTheSixthPlace() {
    assertEquals(new BigDecimal("4.194304"), Formulas.megapixels(2048, 2048));
    assertEquals(new BigDecimal("67.108864"), Formulas.megapixels(8192, 8192));
  }

  @Test
  void plainWritesNumbersAsPeopleDo() {
    assertEquals("5", Formulas.plain(new BigDecimal("5.000")));
    assertEquals("10", Formulas.plain(new BigDecimal("1E+1")));
    assertEquals("0", Formulas.plain(new BigDecimal("0.000")));
    assertEquals("2.5", Formulas.plain(new BigDecimal("2.50")));
  }

  @Test
  void dollarsWritesAPriceAsAPriceListDoes() {
    assertEquals("$0.003", Formulas.dollars(new BigDecimal("0.003000")));
    assertEquals("$0.475", Formulas.dollars(new BigDecimal("0.475")));
    assertEquals("$2", Formulas.dollars(new BigDecimal("2.00")));
  }

  @Test
  void describesAPerSecondSheet() {
    assertEquals("$0.0004 per second of GPU time", Formulas.describePerSecond(RATE, "GPU time"));
  }

  @Test
  void statesThePerSecondModeWithItsRateAndAMonotoneRequiredDuration() {
    Mode mode = Formulas.perSecondMode("GPU time");

    assertEquals(Formulas.PER_SECOND, mode.name());
    assertEquals("ratePerSecond", mode.sheet().get(0).name());
    assertEquals(Field.Kind.AMOUNT, mode.sheet().get(0).kind());
    Field duration = mode.parameters().get(0);
    assertEquals("durationMs", duration.name());
    assertEquals(0, BigDecimal.ZERO.compareTo(duration.min()));
    assertEquals(0, BigDecimal.valueOf(UsageFacts.MAX_DURATION_MS).compareTo(duration.max()));
    assertEquals(true, duration.required());
    assertEquals(true, duration.monotone());
  }
}
