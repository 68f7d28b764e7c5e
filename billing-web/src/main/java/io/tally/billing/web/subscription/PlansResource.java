package io.tally.billing.web.subscription;

import static io.tally.billing.web.platform.Authentication.caller;
import static io.tally.billing.web.platform.Authentication.requireAccess;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.PlanView;
import io.tally.billing.api.SubscriptionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/** The plans on offer, for any valid key. */
@ApplicationScoped
@Path("plans")
@Produces(MediaType.APPLICATION_JSON)
public class PlansResource {

  @Context SecurityContext security;

  @Inject SubscriptionService subscriptions;

  /**
   * With an account key (or the service key and {@code ?accountId=}), the account's current plan
   * also says how many workflow runs through the API it has used this period.
   */
  @GET
  public List<PlanView> plans(@QueryParam("accountId") String accountId) {
    // Not a conditional expression: its long operand would unbox a service caller's null.
    Long account = caller(security).accountId();
    if (accountId != null) {
      account = id(accountId);
    }
    if (account == null) {
      return subscriptions.plans();
    }
    requireAccess(security, account);
    return subscriptions.plans(account);
  }

  private static long id(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw BillingException.invalid("accountId", "accountId must be an account's id");
    }
  }
}
