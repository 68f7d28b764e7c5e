package io.tally.billing.ledger;

/** Why money moved. The sign of an entry's amount says which way. */
public enum EntryKind {
  FREE_GRANT,
  USAGE,
  ADJUSTMENT,
  RECHARGE
}
