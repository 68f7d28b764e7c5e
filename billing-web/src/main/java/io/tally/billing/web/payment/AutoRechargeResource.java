package io.tally.billing.web.payment;

import static io.tally.billing.web.platform.Authentication.requireAccess;

import io.tally.billing.api.AccountService;
import io.tally.billing.api.AccountView.AutoRechargeView;
import io.tally.billing.api.AutoRechargeRequest;
import io.tally.billing.api.RechargeService;
import io.tally.billing.web.platform.Body;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** Auto-recharge settings: a PUT replaces them, so repeating it changes nothing more. */
@ApplicationScoped
@Path("accounts/{id}/auto-recharge")
@Produces(MediaType.APPLICATION_JSON)
public class AutoRechargeResource {

  @Context SecurityContext security;

  @Inject RechargeService recharges;

  @Inject AccountService accounts;

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  public AutoRechargeView configure(@PathParam("id") long id, String text) {
    requireAccess(security, id);
    Body body = Body.parse(text).only("enabled", "threshold", "amount", "paymentMethod");
    AutoRechargeRequest request =
        new AutoRechargeRequest(
            id,
            body.bool("enabled"),
            body.optionalAmount("threshold"),
            body.optionalAmount("amount"),
            PaymentMethods.optional(body));
    accounts.find(id);
    return recharges.configureAutoRecharge(request);
  }
}
