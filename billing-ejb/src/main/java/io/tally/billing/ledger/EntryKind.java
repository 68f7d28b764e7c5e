package io.tally.billing.ledger;

/** Why money moved. The sign of an entry's amount says which way. */
public enum EntryKind {
  FREE_GRANT,
  USAGE,
  ADJUSTMENT,
  RECHARGE,
  /** A fine-tuning job's metered running time (one entry per metered chunk). */
  FINE_TUNE,
  /** A post-paid invoice paid in full (by card or bank transfer). */
  INVOICE_PAYMENT,
  /** Credits a subscription period (or a prorated upgrade) paid by card. */
  SUBSCRIPTION_GRANT,
  /** Credits back all or part of a charge (an admin's refund); its reference names the charge. */
  REFUND
}
