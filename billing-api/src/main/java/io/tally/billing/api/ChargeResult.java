package io.tally.billing.api;

/** A charge and whether it was made now or is the answer to an earlier event with the same id. */
public record ChargeResult(ChargeView charge, boolean replay) {}
