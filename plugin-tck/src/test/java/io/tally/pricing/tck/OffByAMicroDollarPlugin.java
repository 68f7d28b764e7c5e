package io.tally.pricing.tck;

import io.tally.pricing.spi.LineItem;
import java.math.BigDecimal;

/** Broken: each line's amount is a micro-dollar more than its quantity times its unit price. */
public class OffByAMicroDollarPlugin extends GoodPlugin {

  @Override
  protected LineItem line(String description, BigDecimal quantity, BigDecimal unitPrice) {
    BigDecimal amount =
        LineItem.round(quantity.multiply(unitPrice)).add(new BigDecimal("0.000001"));
    return new LineItem(description, quantity, "unit", unitPrice, amount);
  }
}
