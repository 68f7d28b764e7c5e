package io.tally.pricing.tck;

import io.tally.pricing.spi.LineItem;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Broken: rounds half to even (banker's rounding) instead of half-up. */
public class HalfEvenPlugin extends GoodPlugin {

  @Override
  protected LineItem line(String description, BigDecimal quantity, BigDecimal unitPrice) {
    BigDecimal amount = quantity.multiply(unitPrice).setScale(6, RoundingMode.HALF_EVEN);
    return new LineItem(description, quantity, "unit", unitPrice, amount);
  }
}
