package io.tally.pricing.tck;

import io.tally.pricing.spi.PriceSheet;
import io.tally.pricing.spi.Quote;
import io.tally.pricing.spi.UsageFacts;

/** Broken: accepts any sheet, so a model saved without a price fails only when called. */
public class LaxPlugin extends GoodPlugin {

  @Override
  public void validate(PriceSheet sheet) {}

  @Override
  public Quote price(PriceSheet sheet, UsageFacts usage) {
    super.validate(sheet);
    return super.price(sheet, usage);
  }
}
