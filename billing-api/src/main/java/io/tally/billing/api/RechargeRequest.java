package io.tally.billing.api;

import java.math.BigDecimal;

/**
 * A customer's one-off card recharge. The idempotency key makes a retried request pay at most once.
 *
 * @param accountId the account to credit
 * @param amount US dollars, whole cents
 * @param paymentMethod the processor's token for the card ({@code pm_card_visa}), never a card
 *     number
 * @param idempotencyKey the caller's {@code Idempotency-Key}
 */
public record RechargeRequest(
    long accountId, BigDecimal amount, String paymentMethod, String idempotencyKey) {}
