package io.tally.billing.api;

import java.math.BigDecimal;

/**
 * New auto-recharge settings. When turned on, threshold, amount and payment method are required;
 * when turned off, the fields not given keep their stored values.
 */
public record AutoRechargeRequest(
    long accountId,
    boolean enabled,
    BigDecimal threshold,
    BigDecimal amount,
    String paymentMethod) {}
