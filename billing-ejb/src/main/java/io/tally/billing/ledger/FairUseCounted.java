package io.tally.billing.ledger;

/**
 * A CDI event fired after a charge on a fair-use capped plan committed, so the subscription feature
 * can warn at 80% and tell at 100%. Fired only for capped accounts: uncapped ones pay nothing.
 *
 * @param accountId the account charged
 * @param amount what the charge counted, positive
 * @param fairUse the period's usage right after it, with the cap and the period's start
 */
public record FairUseCounted(
    long accountId, java.math.BigDecimal amount, WrittenCharge.FairUse fairUse) {}
