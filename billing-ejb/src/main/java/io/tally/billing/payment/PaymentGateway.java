package io.tally.billing.payment;

/**
 * A card processor. One call takes one payment; the idempotency key is forwarded so that a retried
 * call never charges the card twice. Implementations answer declines and processor failures as
 * results, not exceptions, so callers decide what each means for the customer.
 */
public interface PaymentGateway {

  /** Takes {@code request.amount()} from the card behind {@code request.paymentMethod()}. */
  PaymentResult pay(PaymentRequest request);
}
