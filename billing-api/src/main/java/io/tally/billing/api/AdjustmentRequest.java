package io.tally.billing.api;

import java.math.BigDecimal;

/** An admin's credit (positive) or debit (negative), with the reason recorded on the ledger. */
public record AdjustmentRequest(
    long accountId, BigDecimal amount, String reason, String idempotencyKey, String actor) {}
