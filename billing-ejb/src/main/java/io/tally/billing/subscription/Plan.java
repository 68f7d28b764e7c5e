package io.tally.billing.subscription;

import io.tally.billing.api.BillingMode;
import io.tally.billing.api.Money;
import io.tally.billing.api.PlanView;
import java.math.BigDecimal;

/**
 * A row of the {@code plan} table: what a period costs and grants, its caps, and how many of its
 * introductory slots are taken.
 */
public record Plan(
    String id,
    String name,
    BillingMode billingMode,
    boolean selfServe,
    BigDecimal price,
    BigDecimal credits,
    BigDecimal introPrice,
    Integer introLimit,
    int introTaken,
    BigDecimal fairUseCap,
    Integer workflowQuota) {

  public boolean hasIntroPrice() {
    return introPrice != null && introLimit != null;
  }

  /** What a subscriber pays for a period of this plan. */
  public BigDecimal priceFor(boolean introductory) {
    return introductory && hasIntroPrice() ? introPrice : price;
  }

  PlanView view() {
    return view(null);
  }

  /** As callers see it, with an account's API workflow runs this period when it is on this plan. */
  PlanView view(Integer workflowUsed) {
    return new PlanView(
        id,
        name,
        Money.format(price),
        Money.format(introPrice),
        introLimit,
        hasIntroPrice() ? introTaken : null,
        Money.format(credits),
        Money.format(fairUseCap),
        workflowQuota,
        workflowUsed,
        billingMode,
        selfServe);
  }
}
