package io.tally.billing.api;

import java.math.BigDecimal;

/**
 * An admin's refund of a charge, in full ({@code amount} null: whatever is left of it) or in part,
 * with the reason recorded on the ledger.
 */
public record RefundRequest(
    long chargeId, BigDecimal amount, String reason, String idempotencyKey, String actor) {}
