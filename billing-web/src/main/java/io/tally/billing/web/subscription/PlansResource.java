package io.tally.billing.web.subscription;

import io.tally.billing.api.PlanView;
import io.tally.billing.api.SubscriptionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The plans on offer, for any valid key. */
@ApplicationScoped
@Path("plans")
@Produces(MediaType.APPLICATION_JSON)
public class PlansResource {

  @Inject SubscriptionService subscriptions;

  @GET
  public List<PlanView> plans() {
    return subscriptions.plans();
  }
}
