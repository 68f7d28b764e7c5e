package io.tally.billing.ledger;

import io.tally.billing.api.BillingException;

/** One hold of a group: placed (its id), or refused as the account met it. */
public record HoldAttempt(Long id, BillingException refused) {

  static HoldAttempt placed(long id) {
    return new HoldAttempt(id, null);
  }

  static HoldAttempt refused(BillingException refused) {
    return new HoldAttempt(null, refused);
  }
}
