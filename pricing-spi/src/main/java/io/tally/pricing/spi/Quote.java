package io.tally.pricing.spi;

import java.math.BigDecimal;
import java.util.List;

/** What a plugin answers for one call: its line items. The charge is their sum. */
public record Quote(List<LineItem> lineItems) {

  public Quote {
    lineItems = List.copyOf(lineItems);
  }

  public static Quote of(LineItem... items) {
    return new Quote(List.of(items));
  }

  /** The sum of the line items' amounts. */
  public BigDecimal total() {
    return lineItems.stream()
        .map(LineItem::amount)
        .reduce(BigDecimal.ZERO.setScale(LineItem.SCALE), BigDecimal::add);
  }
}
