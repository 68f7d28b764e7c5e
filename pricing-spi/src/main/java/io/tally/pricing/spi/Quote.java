package io.tally.pricing.spi;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/** What a plugin answers for one call: its line items, at least one. The charge is their sum. */
public record Quote(List<LineItem> lineItems) {

  public Quote {
    Objects.requireNonNull(lineItems, "lineItems");
    for (int i = 0; i < lineItems.size(); i++) {
      Objects.requireNonNull(lineItems.get(i), "line item " + (i + 1) + " is null");
    }
    if (lineItems.isEmpty()) {
      throw new IllegalArgumentException("a quote needs at least one line item");
    }
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
