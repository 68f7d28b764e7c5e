package io.tally.billing.api;

/**
 * A plan as callers see it. A subscription is granted, each period, the credits it paid for; the
 * first {@code introSubscribers} subscribers of a plan with an {@code introPrice} pay (and are
 * granted) that price instead of {@code price} for as long as they stay on the plan.
 *
 * @param introTaken how many of the introductory slots are taken, or null without an intro price
 * @param fairUseCap metered usage allowed per period, or null when uncapped
 * @param workflowQuota workflow runs through the API allowed per period, or null when unlimited
 * @param workflowUsed the asking account's API workflow runs this period, on its current plan only
 * @param selfServe whether a customer can subscribe by card; otherwise sales sets the account up
 */
public record PlanView(
    String id,
    String name,
    String price,
    String introPrice,
    Integer introSubscribers,
    Integer introTaken,
    String credits,
    String fairUseCap,
    Integer workflowQuota,
    Integer workflowUsed,
    BillingMode billingMode,
    boolean selfServe) {}
