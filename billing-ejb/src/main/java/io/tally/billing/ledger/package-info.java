/**
 * The ledger: every movement of money is one immutable entry, and an account's balance is a cached
 * sum changed in the same transaction by one conditional UPDATE per movement ({@link
 * io.tally.billing.ledger.LedgerWriter} is the only writer; for a batch's charges it hands the
 * transaction to {@link io.tally.billing.ledger.ChargeGroup}). Holds lower what an account may
 * spend until a charge settles them or they expire. Reconciliation proves balance == sum(entries).
 */
package io.tally.billing.ledger;
