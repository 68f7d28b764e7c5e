package io.tally.billing.payment;

/**
 * What a processor answered.
 *
 * @param outcome succeeded, declined by the card's bank, refused by the processor, or unknown
 * @param paymentId the processor's id of the payment, when it has one
 * @param code the processor's decline or error code ({@code card_declined}, {@code
 *     insufficient_funds}, {@code processor_unavailable}, ...), null on success
 * @param message a sentence for the customer, null on success
 */
public record PaymentResult(Outcome outcome, String paymentId, String code, String message) {

  /** How a payment ended. */
  public enum Outcome {
    SUCCEEDED,
    /** The card was refused; retrying with the same card will not help. */
    DECLINED,
    /** The processor refused the request itself (a wrong key, a bad request): nothing was paid. */
    FAILED,
    /**
     * The processor did not say (a timeout, a broken connection, 5xx after the adapter's retries):
     * the card may have been charged. The payment stays PENDING and is resolved by asking again
     * under the same idempotency key, which answers the first attempt's result and never pays
     * twice.
     */
    UNKNOWN
  }

  public static PaymentResult succeeded(String paymentId) {
    return new PaymentResult(Outcome.SUCCEEDED, paymentId, null, null);
  }

  public static PaymentResult declined(String code, String message) {
    return new PaymentResult(Outcome.DECLINED, null, code, message);
  }

  public static PaymentResult failed(String code, String message) {
    return new PaymentResult(Outcome.FAILED, null, code, message);
  }

  public static PaymentResult unknown(String code, String message) {
    return new PaymentResult(Outcome.UNKNOWN, null, code, message);
  }

  public boolean succeeded() {
    return outcome == Outcome.SUCCEEDED;
  }

  /** Whether the payment is still open: nothing may be credited or given up yet. */
  public boolean unknown() {
    return outcome == Outcome.UNKNOWN;
  }
}
