package io.tally.billing.ledger;

import io.tally.billing.api.BillingException;

/** One charge of a group: written, or refused because the account could not pay. */
public record ChargeAttempt(WrittenCharge written, BillingException refused) {

  static ChargeAttempt written(WrittenCharge written) {
    return new ChargeAttempt(written, null);
  }

  static ChargeAttempt refused(BillingException refused) {
    return new ChargeAttempt(null, refused);
  }
}
