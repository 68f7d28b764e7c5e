package io.tally.billing.api;

/** One event of a batch: its charge (made now or earlier), or why it was refused. */
public record ChargeOutcome(ChargeResult result, BillingException refused) {

  public static ChargeOutcome charged(ChargeResult result) {
    return new ChargeOutcome(result, null);
  }

  public static ChargeOutcome refused(BillingException refused) {
    return new ChargeOutcome(null, refused);
  }
}
