/**
 * The audit of admin and money actions (adjustments, refunds, model and price changes, plan
 * changes, API key creation and revocation, card recharges credited, auto-recharge settings,
 * invoice payments, webhook endpoints): who did what to which target, when, from which address, and
 * the state before and after. Each entry is written by {@link io.tally.billing.audit.AuditTrail} in
 * the transaction of the action it records (its {@code record} refuses to run without one), so an
 * action that rolls back leaves no entry and a committed one always has one; a replay changes
 * nothing and writes nothing. Entries are append-only: the table's triggers refuse {@code UPDATE}
 * and {@code DELETE}, as the ledger's do. Who is calling comes from {@link
 * io.tally.billing.audit.CurrentActor}, which the web layer fills for each request; without a
 * request (timers) the actor is the system. Only the service key and admins read the audit.
 */
package io.tally.billing.audit;
