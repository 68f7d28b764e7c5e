package io.tally.billing.web.admin;

import io.tally.billing.api.PlanView;
import io.tally.billing.api.SubscriptionService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * The admin's plans page: every plan with its price, introductory price and slots taken, credits
 * and fair-use cap, as {@code GET /api/v1/plans} answers them. Read-only: plans change by migration
 * until there is a service to edit them.
 */
@Named
@RequestScoped
public class PlanCatalog {

  @Inject SubscriptionService subscriptions;

  private List<PlanView> plans;

  public List<PlanView> getPlans() {
    if (plans == null) {
      plans = subscriptions.plans();
    }
    return plans;
  }
}
