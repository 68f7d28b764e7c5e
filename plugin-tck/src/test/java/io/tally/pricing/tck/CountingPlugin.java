package io.tally.pricing.tck;

import io.tally.pricing.spi.PriceSheet;
import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicLong;

/** Broken: a volume discount after fifty calls, counted in the plugin, so the order matters. */
public class CountingPlugin extends GoodPlugin {

  private final AtomicLong calls = new AtomicLong();

  @Override
  protected BigDecimal pricePerUnit(PriceSheet sheet) {
    BigDecimal price = super.pricePerUnit(sheet);
    return calls.incrementAndGet() > 50 ? price.multiply(new BigDecimal("0.9")) : price;
  }
}
