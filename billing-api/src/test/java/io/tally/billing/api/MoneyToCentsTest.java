package io.tally.billing.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** What a card is charged: whole cents, rounded up, never less than what is owed. */
class MoneyToCentsTest {

  @Test
  void roundsAnyFractionOfACentUp() {
    assertEquals(new BigDecimal("13.34"), Money.toCents(new BigDecimal("13.333333")));
    assertEquals(new BigDecimal("12.35"), Money.toCents(new BigDecimal("12.340001")));
    assertEquals(new BigDecimal("0.01"), Money.toCents(new BigDecimal("0.000001")));
  }

  @Test
  void keepsWholeCentsAsTheyAre() {
    assertEquals(new BigDecimal("19.00"), Money.toCents(new BigDecimal("19.000000")));
    assertEquals(new BigDecimal("40.00"), Money.toCents(new BigDecimal("40")));
  }
}
