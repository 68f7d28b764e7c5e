package io.tally.pricing.tck;

import io.tally.pricing.spi.LineItem;
import java.math.BigDecimal;

/** Broken: prices each toy as a negative amount, a "credit" the ledger must never see. */
public class NegativeLinePlugin extends GoodPlugin {

  @Override
  protected LineItem line(String description, BigDecimal quantity, BigDecimal unitPrice) {
    return LineItem.of(description, quantity, "unit", unitPrice.negate());
  }
}
