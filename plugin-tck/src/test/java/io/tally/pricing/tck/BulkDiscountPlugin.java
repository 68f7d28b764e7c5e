package io.tally.pricing.tck;

import io.tally.pricing.spi.LineItem;
import java.math.BigDecimal;

/** Broken: from 100 toys on, each costs half, so 100 toys cost less than 99. */
public class BulkDiscountPlugin extends GoodPlugin {

  @Override
  protected LineItem line(String description, BigDecimal quantity, BigDecimal unitPrice) {
    BigDecimal price =
        quantity.compareTo(BigDecimal.valueOf(100)) >= 0
            ? unitPrice.divide(BigDecimal.valueOf(2))
            : unitPrice;
    return super.line(description, quantity, price);
  }
}
