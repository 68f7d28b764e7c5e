package io.tally.billing.api;

/** A refund, and whether an earlier request with its Idempotency-Key made it. */
public record RefundResult(RefundView refund, boolean replay) {}
