package io.tally.billing.api;

/**
 * The answer to a subscribe or plan change: the subscription afterwards and what this request paid
 * ({@code "0.000000"} for a downgrade, which waits for the period's end).
 *
 * @param chargedAt the instant the charge was computed for (an upgrade's proration), ISO-8601
 */
public record SubscriptionChange(SubscriptionView subscription, String charged, String chargedAt) {}
