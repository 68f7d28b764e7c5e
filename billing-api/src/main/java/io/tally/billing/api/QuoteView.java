package io.tally.billing.api;

import java.util.List;

/**
 * A priced call or workflow. {@code pricedBy} is set for a single call; each line carries its own.
 */
public record QuoteView(
    String model,
    String workflow,
    String amount,
    List<LineItemView> lineItems,
    PricedBy pricedBy) {}
