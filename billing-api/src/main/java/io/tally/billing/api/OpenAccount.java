package io.tally.billing.api;

import java.math.BigDecimal;

/** A request to open an account. {@code creditLimit} applies to post-paid accounts only. */
public record OpenAccount(
    String email, String name, BillingMode billingMode, BigDecimal creditLimit) {}
