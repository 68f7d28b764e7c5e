package io.tally.billing.ledger;

import java.time.LocalDate;

/**
 * A CDI event fired when a call was refused by a spend limit (nothing moved), so the limit's 100%
 * notice is told even when no charge landed exactly on it.
 *
 * @param accountId the account whose call was refused
 * @param apiKeyId the key whose limit refused it, or null when the account's did
 * @param month the month (its first day) the limit was reached in
 */
public record SpendLimitRefused(long accountId, Long apiKeyId, LocalDate month) {}
