package io.tally.pricing.tck;

import io.tally.pricing.spi.PriceSheet;
import java.math.BigDecimal;
import java.time.LocalTime;
import java.time.ZoneOffset;

/** Broken: charges half as much again at peak hours, so a quote depends on when it is made. */
public class ClockReadingPlugin extends GoodPlugin {

  @Override
  protected BigDecimal pricePerUnit(PriceSheet sheet) {
    int hour = LocalTime.now(ZoneOffset.UTC).getHour();
    BigDecimal price = super.pricePerUnit(sheet);
    return hour >= 9 && hour < 17 ? price.multiply(new BigDecimal("1.5")) : price;
  }
}
