/**
 * The ledger: every movement of money is one immutable entry, and an account's balance is a cached
 * sum changed in the same transaction by one conditional UPDATE per movement ({@link
 * io.tally.billing.ledger.LedgerWriter} is the only writer; for a batch's charges it hands the
 * transaction to {@link io.tally.billing.ledger.ChargeGroup}). Holds lower what an account may
 * spend until a charge settles them or they expire. Reconciliation proves balance == sum(entries).
 *
 * <p><b>Group commit.</b> Concurrent single charges share transactions ({@link
 * io.tally.billing.ledger.GroupCommit}): a caller's charge waits in {@link
 * io.tally.billing.ledger.CommitQueue} while a group is being written, and the next group takes
 * every charge waiting then, sorted by account as a batch's group is, in a transaction of its own.
 * Charges that settle a hold or spend from a key are grouped too. A group locks the rows its rules
 * read, holds then accounts then keys, each in id order (a single charge's order too, so nothing
 * waits in a cycle), and decides each charge in Java by the single path's rules, term for term
 * ({@code GroupDebitIT}, {@code GroupSettlementIT}): a refused charge writes nothing of its own
 * (its hold stays open) and the others commit; the UPDATEs' WHERE clauses still guard the sums. A
 * group that meets a requestId seen before rolls back whole and its callers write alone, as before,
 * and one that meets a deadlock or a lock wait timeout rolls back and its callers retry alone.
 * Concurrent holds share transactions the same way, in a queue of their own ({@link
 * io.tally.billing.ledger.HoldCommit}, {@link io.tally.billing.ledger.HoldGroup}): the accounts are
 * locked once in id order and each hold is decided by the hold's own conditional UPDATE rule,
 * counting the group's earlier holds in {@code held}; the group's UPDATE still guards the sum.
 *
 * <p><b>Authorizations.</b> A hold settles at most once, on its own account only: a conditional
 * {@code UPDATE authorization_hold SET status = 'SETTLED' … WHERE id = ? AND account_id = ? AND
 * status = 'OPEN'} in the charge's transaction, whose row count decides. The charge that settles it
 * may spend the hold's amount on top of what is available ({@code amount <= hold + balance - held +
 * credit limit}, one conditional UPDATE that also releases the hold from {@code held}); a bigger
 * charge is refused with 402 and the rollback leaves the hold open. A charge naming a hold that is
 * no longer open (settled, expired, released) is an unauthorized call: the same conditional debit
 * as any call, 402 if it cannot pay. A hold of another account, or none, is 404 and writes nothing.
 * The fair-use cap and the account's spend limit are checked when a hold is placed, not again when
 * it settles (the settling charge still counts toward both, and toward a key's limit).
 *
 * <p><b>Quotas and spend limits</b> ({@link io.tally.billing.ledger.LimitSql}) ride on the same
 * conditional UPDATE as the balance check: an API workflow run counts toward the plan's quota and
 * is refused at it; every charge counts toward the account's month-to-date spend and is refused
 * past its limit. A charge that spends from a key adds one conditional UPDATE on the key row, after
 * the account's (so locks are always taken account first, then key); its refusal rolls the whole
 * charge back.
 *
 * <p><b>Debits that may go below zero</b> (every other debit is refused, writing nothing, when it
 * would take {@code balance - held + credit limit} below zero):
 *
 * <ul>
 *   <li>A fine-tuning job's meter reading ({@link io.tally.billing.ledger.MeteredWriter}, or many
 *       jobs' readings in one transaction by {@link io.tally.billing.ledger.MeteredBatch}): the
 *       time was used, so it is debited unguarded. A job starts only when the account has something
 *       available, and is suspended by the first reading that leaves nothing available, so each
 *       running job overruns by at most one reading: one minute, $0.06 at $0.001/s. Two jobs of one
 *       account may each overrun once.
 *   <li>Nothing else. Charges (single, batch, against a hold) and admin debits ({@code
 *       Posting.Guard.FUNDS}) are guarded; subscriptions, upgrades, renewals, recharges and invoice
 *       payments only credit the ledger (the card pays them), and so do refunds (never more than
 *       the charge cost: {@code io.tally.billing.refund}); a post-paid account's usage is guarded
 *       by its credit limit like a prepaid one's by its balance.
 * </ul>
 */
package io.tally.billing.ledger;
