package io.tally.billing.api;

/**
 * One refund of a charge, as stored: a replay answers the same view.
 *
 * @param balance the account's balance right after the refund's credit
 */
public record RefundView(
    long id,
    long chargeId,
    long accountId,
    String amount,
    String reason,
    String balance,
    String createdBy,
    String createdAt) {}
