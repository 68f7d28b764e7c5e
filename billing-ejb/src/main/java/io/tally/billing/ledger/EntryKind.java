package io.tally.billing.ledger;

/** Why money moved. The sign of an entry's amount says which way. */
public enum EntryKind {
  FREE_GRANT,
  USAGE,
  ADJUSTMENT,
  /** Credits a subscription period (or a prorated upgrade) paid by card. */
  SUBSCRIPTION_GRANT
}
