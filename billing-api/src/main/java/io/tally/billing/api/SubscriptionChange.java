package io.tally.billing.api;

/**
 * The answer to a subscribe or plan change: the subscription afterwards and what this request paid
 * ({@code "0.000000"} for a downgrade, which waits for the period's end). One constructor only:
 * JSON-B reads a kept first answer back through it.
 *
 * @param chargedAt the instant the charge was computed for (an upgrade's proration), ISO-8601
 * @param paymentStatus {@code PENDING} when the card processor did not answer: {@code charged} is
 *     what the card was asked for, the change waits for the payment (the subscription shows what
 *     holds now), and the renewal job or a retry with the same key finishes it; null otherwise
 */
public record SubscriptionChange(
    SubscriptionView subscription, String charged, String chargedAt, String paymentStatus) {

  /** Whether the card processor has yet to say how the payment ended. */
  public boolean pending() {
    return "PENDING".equals(paymentStatus);
  }
}
