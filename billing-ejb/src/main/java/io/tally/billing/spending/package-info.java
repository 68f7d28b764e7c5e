/**
 * Monthly spend limits of an account and of each of its keys (a budget below the balance or the
 * credit limit). The ledger checks and counts them in the charge's own conditional writes ({@code
 * io.tally.billing.ledger.LimitSql}), so concurrent calls never overshoot; this feature sets and
 * reads them ({@link io.tally.billing.spending.SpendLimits}, audited) and tells the customer at 80%
 * and 100% ({@link io.tally.billing.spending.SpendNotices}). Spending counts charges in the
 * calendar month (UTC, by the injected clock); refunds do not lower it. Callers use {@link
 * io.tally.billing.api.SpendLimitService}.
 */
package io.tally.billing.spending;
