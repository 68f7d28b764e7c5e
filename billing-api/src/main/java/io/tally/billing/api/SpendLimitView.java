package io.tally.billing.api;

/**
 * A monthly spend limit as callers see it: the account's ({@code keyId} null) or one key's.
 *
 * @param scope {@code account} or {@code key}
 * @param keyId the key, or null for the account
 * @param limit the most the scope may spend in a calendar month (UTC), or null for no limit
 * @param spent what the scope has spent this month so far (refunds do not lower it)
 * @param month the month {@code spent} counts, as {@code 2026-11}
 */
public record SpendLimitView(String scope, Long keyId, String limit, String spent, String month) {}
