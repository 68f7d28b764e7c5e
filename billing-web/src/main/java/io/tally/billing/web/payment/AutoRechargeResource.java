package io.tally.billing.web.payment;

import static io.tally.billing.web.platform.Authentication.requireAccess;

import io.tally.billing.api.AccountService;
import io.tally.billing.api.AccountView.AutoRechargeView;
import io.tally.billing.api.AutoRechargeRequest;
import io.tally.billing.api.Money;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

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
  public AutoRechargeView configure(
      @PathParam("id") long id,
      @RequestBody(content = @Content(schema = @Schema(implementation = AutoRechargeBody.class)))
          String text) {
    requireAccess(security, id);
    AutoRechargeBody body = Body.read(text, AutoRechargeBody.class);
    AutoRechargeRequest request =
        new AutoRechargeRequest(
            id,
            body.enabled(),
            body.threshold() == null ? null : Money.of(body.threshold()),
            body.amount() == null ? null : Money.of(body.amount()),
            body.paymentMethod());
    accounts.find(id);
    return recharges.configureAutoRecharge(request);
  }
}
