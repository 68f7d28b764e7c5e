package io.tally.billing.api;

/**
 * An account's subscription: the plan it is on now, the period paid for, and what happens at the
 * period's end ({@code cancelAtPeriodEnd}, or a {@code pendingPlan} it moves down to).
 *
 * @param price what each period of this subscription costs (the introductory price if it has one)
 * @param pricePaid what was paid for the current period, prorated upgrades included
 */
public record SubscriptionView(
    long accountId,
    String plan,
    String status,
    String currentPeriodStart,
    String currentPeriodEnd,
    boolean cancelAtPeriodEnd,
    String pendingPlan,
    String price,
    String pricePaid,
    boolean introductory) {}
