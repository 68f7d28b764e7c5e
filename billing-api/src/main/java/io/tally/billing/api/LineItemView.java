package io.tally.billing.api;

/** One line of a quote or a charge; amounts and quantities are decimal strings. */
public record LineItemView(
    String model,
    String description,
    String quantity,
    String unit,
    String unitPrice,
    String amount,
    PricedBy pricedBy) {}
