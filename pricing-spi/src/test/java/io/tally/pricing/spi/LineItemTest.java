package io.tally.pricing.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class LineItemTest {

  @Test
  void roundsAHalfMicroDollarUp() {
    assertEquals(new BigDecimal("0.000001"), LineItem.round(new BigDecimal("0.0000005")));
  }

  @Test
  void roundsHalfUpNotToEven() {
    // Banker's rounding would give 0.000002 here.
    assertEquals(new BigDecimal("0.000003"), LineItem.round(new BigDecimal("0.0000025")));
  }

  @Test
  void roundsBelowHalfAMicroDollarDown() {
    assertEquals(new BigDecimal("0.000000"), LineItem.round(new BigDecimal("0.0000004999")));
  }

  @Test
  void roundsNegativeHalvesAwayFromZero() {
    assertEquals(new BigDecimal("-0.000001"), LineItem.round(new BigDecimal("-0.0000005")));
  }

  @Test
  void padsShortAmountsToSixPlaces() {
    BigDecimal rounded = LineItem.round(BigDecimal.ONE);

    assertEquals(new BigDecimal("1.000000"), rounded);
    assertEquals(LineItem.SCALE, rounded.scale());
  }

  @Test
  void ofMultipliesQuantityByUnitPriceAndRounds() {
    LineItem item =
        LineItem.of("image", new BigDecimal("4.194304"), "image", new BigDecimal("0.003"));

    assertEquals(new BigDecimal("0.012583"), item.amount());
    assertEquals(new BigDecimal("0.003"), item.unitPrice());
    assertEquals(new BigDecimal("4.194304"), item.quantity());
  }

  @Test
  void refusesAMissingDescription() {
    assertThrows(
        NullPointerException.class,
        () -> LineItem.of(null, BigDecimal.ONE, "second", BigDecimal.ONE));
  }

  @Test
  void writesEveryAmountToSixPlaces() {
    LineItem item = line("2.5", "0.09", "0.225");

    assertEquals(new BigDecimal("0.225000"), item.amount());
  }

  @Test
  void acceptsAnAmountWithTrailingZerosBeyondSixPlaces() {
    assertEquals(new BigDecimal("0.225000"), line("2.5", "0.09", "0.225000000").amount());
  }

  @Test
  void refusesANegativeAmount() {
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> line("-1", "0.25", "-0.250000"));

    assertEquals("line item 'test line': amount -0.250000 is negative", refused.getMessage());
  }

  @Test
  void refusesAnAmountFinerThanAMicroDollar() {
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> line("1", "0.0000001", "0.0000001"));

    assertTrue(refused.getMessage().contains("finer than a micro-dollar"), refused.getMessage());
  }

  @Test
  void refusesAnAmountThatIsNotQuantityTimesUnitPrice() {
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> line("3", "0.000725", "0.002174"));

    assertEquals(
        "line item 'test line': amount 0.002174 is not quantity 3 x unit price 0.000725"
            + " rounded half-up to 6 places, 0.002175",
        refused.getMessage());
  }

  @Test
  void refusesAnAmountRoundedHalfToEven() {
    // 5 x 0.0000005 = 0.0000025: half-up gives 0.000003, banker's rounding 0.000002.
    assertThrows(IllegalArgumentException.class, () -> line("5", "0.0000005", "0.000002"));
  }

  @Test
  void refusesAnAmountTruncatedInsteadOfRounded() {
    assertThrows(IllegalArgumentException.class, () -> line("3", "0.0000005", "0.000001"));
  }

  private static LineItem line(String quantity, String unitPrice, String amount) {
    return new LineItem(
        "test line",
        new BigDecimal(quantity),
        "second",
        new BigDecimal(unitPrice),
        new BigDecimal(amount));
  }
}
