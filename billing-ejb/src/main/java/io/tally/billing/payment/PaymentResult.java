package io.tally.billing.payment;

/**
 * What a processor answered.
 *
 * @param outcome succeeded, declined by the card's bank, or not completed by the processor
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
    /** The processor failed or did not answer in time; the payment did not complete. */
    FAILED
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

  public boolean succeeded() {
    return outcome == Outcome.SUCCEEDED;
  }
}
