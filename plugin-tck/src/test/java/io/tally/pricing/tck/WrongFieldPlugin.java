package io.tally.pricing.tck;

import io.tally.pricing.spi.PriceSheet;
import java.math.BigDecimal;

/** Broken: refuses a bad price naming a field the sheet does not have. */
public class WrongFieldPlugin extends GoodPlugin {

  @Override
  protected BigDecimal pricePerUnit(PriceSheet sheet) {
    try {
      return super.pricePerUnit(sheet);
    } catch (RuntimeException refused) {
      throw refused("pricing.price");
    }
  }
}
