package io.tally.billing.api;

/** An adjustment's ledger entry, and whether it was posted by an earlier request with its key. */
public record AdjustmentResult(TransactionPage.Entry entry, boolean replay) {}
