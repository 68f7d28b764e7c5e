package io.tally.billing.payment;

import io.tally.billing.api.Money;
import java.math.BigDecimal;

/**
 * One payment to take.
 *
 * @param accountId whose card it is
 * @param amount US dollars, positive, whole cents ({@link Money#toCents}): a card cannot be charged
 *     a fraction of a cent, and every payment path rounds its amount there, once, before asking
 * @param paymentMethod the customer's token, such as {@code pm_card_visa}; never a card number
 * @param idempotencyKey unique per intended payment; forwarded to the processor
 * @param description what the customer sees on the statement
 */
public record PaymentRequest(
    long accountId,
    BigDecimal amount,
    String paymentMethod,
    String idempotencyKey,
    String description) {

  /**
   * @throws IllegalArgumentException for an amount that is not a positive whole number of cents: a
   *     caller that did not round with {@link Money#toCents} is a programming error, not a payment
   */
  public PaymentRequest {
    if (amount.signum() <= 0 || amount.stripTrailingZeros().scale() > 2) {
      throw new IllegalArgumentException(
          "a card payment must be a positive whole number of cents, not " + amount);
    }
  }
}
