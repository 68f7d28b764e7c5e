package io.tally.billing.api;

import java.util.List;

/**
 * A charge with what has been refunded of it: {@code refunded} is the sum of {@code refunds}, and
 * {@code refundable} what is left ({@code charge.amount - refunded}).
 */
public record ChargeRefunds(
    ChargeView charge, String refunded, String refundable, List<RefundView> refunds) {}
