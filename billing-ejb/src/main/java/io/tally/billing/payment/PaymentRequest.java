package io.tally.billing.payment;

import java.math.BigDecimal;

/**
 * One payment to take.
 *
 * @param accountId whose card it is
 * @param amount US dollars, positive, 6 decimals (processors take cents: see the adapter)
 * @param paymentMethod the customer's token, such as {@code pm_card_visa}; never a card number
 * @param idempotencyKey unique per intended payment; forwarded to the processor
 * @param description what the customer sees on the statement
 */
public record PaymentRequest(
    long accountId,
    BigDecimal amount,
    String paymentMethod,
    String idempotencyKey,
    String description) {}
