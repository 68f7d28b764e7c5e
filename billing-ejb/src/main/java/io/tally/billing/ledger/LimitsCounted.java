package io.tally.billing.ledger;

import java.math.BigDecimal;

/**
 * A CDI event fired after a charge committed that counted toward a workflow quota or a spend limit,
 * so their 80% and 100% notices can be told. Fired only when one applies: charges of accounts and
 * keys without limits pay nothing for it.
 *
 * @param accountId the account charged
 * @param apiKeyId the key it spent from, or null
 * @param amount what the charge cost
 * @param limits the counts right after it
 */
public record LimitsCounted(
    long accountId, Long apiKeyId, BigDecimal amount, WrittenCharge.Limits limits) {}
