package io.tally.billing.api;

import java.util.List;

/** Plans and monthly subscriptions paid by card. */
public interface SubscriptionService {

  List<PlanView> plans();

  /** The plans, with the account's API workflow runs this period on its current plan. */
  List<PlanView> plans(long accountId);

  /**
   * Starts a subscription (paying its first period), upgrades at once (paying the prorated
   * difference), or schedules a downgrade for the period's end. A declined card changes nothing.
   */
  SubscriptionChange subscribe(SubscriptionRequest request);

  /** The account's live subscription, or its last canceled one. */
  SubscriptionView find(long accountId);

  /** Cancels at the end of the paid period (at once when the period's payment failed). */
  SubscriptionView cancel(long accountId);
}
