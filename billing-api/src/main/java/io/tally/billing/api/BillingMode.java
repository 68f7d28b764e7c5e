package io.tally.billing.api;

/** How an account pays: from a balance it tops up, or on a monthly invoice up to a credit limit. */
public enum BillingMode {
  PREPAID,
  POSTPAID
}
