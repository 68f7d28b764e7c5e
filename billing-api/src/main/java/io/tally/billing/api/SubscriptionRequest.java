package io.tally.billing.api;

/**
 * Subscribe an account to a plan, or move it to another.
 *
 * @param idempotencyKey the caller's Idempotency-Key, forwarded to the card processor; may be null
 */
public record SubscriptionRequest(
    long accountId, String plan, String paymentMethod, String idempotencyKey) {}
