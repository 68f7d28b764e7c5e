package io.tally.billing.payment;

/**
 * A card processor. One call takes one payment; the idempotency key is forwarded so that a retried
 * call never charges the card twice. Implementations answer declines and processor failures as
 * results, not exceptions, so callers decide what each means for the customer.
 *
 * <p>Resolving a payment whose outcome is {@link PaymentResult.Outcome#UNKNOWN} is asking again:
 * {@link #pay} with the same request and the same idempotency key answers what became of the first
 * attempt (the PaymentIntents way: the processor returns the intent it created under that key), and
 * takes the payment only if the first attempt never reached the processor. So a caller keeps an
 * unknown payment PENDING, keeps its request (amount, method, key), and asks again later — from a
 * replay of the customer's request or from a sweep — then credits or gives up exactly once.
 */
public interface PaymentGateway {

  /**
   * Takes {@code request.amount()} from the card behind {@code request.paymentMethod()}, or answers
   * the result of the payment taken before under {@code request.idempotencyKey()}.
   */
  PaymentResult pay(PaymentRequest request);
}
