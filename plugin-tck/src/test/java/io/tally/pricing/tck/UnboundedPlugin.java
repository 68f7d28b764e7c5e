package io.tally.pricing.tck;

import io.tally.pricing.spi.UsageFacts;

/** Broken: prices any number of toys, though its modes say at most 1000. */
public class UnboundedPlugin extends GoodPlugin {

  @Override
  protected long units(UsageFacts usage) {
    return usage.integerOr("units", 1, 1, Long.MAX_VALUE);
  }
}
