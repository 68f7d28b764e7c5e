package io.tally.pricing.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
