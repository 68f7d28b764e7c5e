package io.tally.billing.api;

/**
 * A recharge as callers see it. A replay answers the same view, so every field is read from the
 * stored recharge, never from the request.
 *
 * @param status {@code SUCCEEDED}, {@code DECLINED}, {@code FAILED} or {@code PENDING}
 * @param paymentId the processor's id of the payment, when it succeeded
 * @param balance the account's balance right after the credit, when it succeeded
 */
public record RechargeView(
    long id,
    long accountId,
    String amount,
    String paymentMethod,
    String status,
    String paymentId,
    String balance,
    String createdAt) {}
