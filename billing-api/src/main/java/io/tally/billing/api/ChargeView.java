package io.tally.billing.api;

import java.util.List;

/**
 * A charge: what one usage event cost and the balance right after it. A replay of the same {@code
 * requestId} answers this same charge. {@code failedCalls} counts the event's calls that failed;
 * {@code queueMs} and {@code coldStartMs} are its calls' waits, recorded and never billed.
 */
public record ChargeView(
    long id,
    String requestId,
    long accountId,
    String model,
    String workflow,
    String amount,
    String balance,
    List<LineItemView> lineItems,
    PricedBy pricedBy,
    Long authorizationId,
    String startedAt,
    String createdAt,
    int failedCalls,
    long queueMs,
    long coldStartMs) {}
