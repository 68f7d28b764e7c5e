package io.tally.billing.api;

/**
 * A successful (or still PENDING) recharge, and whether an earlier request with its key made it.
 */
public record RechargeResult(RechargeView recharge, boolean replay) {}
