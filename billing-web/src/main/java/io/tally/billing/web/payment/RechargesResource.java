package io.tally.billing.web.payment;

import static io.tally.billing.web.platform.Authentication.requireAccess;

import io.tally.billing.api.AccountService;
import io.tally.billing.api.RechargeRequest;
import io.tally.billing.api.RechargeResult;
import io.tally.billing.api.RechargeService;
import io.tally.billing.web.platform.Body;
import io.tally.billing.web.platform.IdempotencyKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * One-off card recharges: 201 the first time, 200 with the same body on a replay, 402 declined, 202
 * with status PENDING while the processor has not said how the payment ended (the same key again
 * asks it, and answers 200 or 402 once it has).
 */
@ApplicationScoped
@Path("accounts/{id}/recharges")
@Produces(MediaType.APPLICATION_JSON)
public class RechargesResource {

  private static final String PENDING = "PENDING";

  @Context SecurityContext security;

  @Inject RechargeService recharges;

  @Inject AccountService accounts;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response recharge(
      @PathParam("id") long id, @HeaderParam("Idempotency-Key") String key, String text) {
    requireAccess(security, id);
    String idempotencyKey = IdempotencyKeys.require(key);
    Body body = Body.parse(text).only("amount", "paymentMethod");
    RechargeRequest request =
        new RechargeRequest(
            id, body.amount("amount"), PaymentMethods.required(body), idempotencyKey);
    accounts.find(id);
    RechargeResult result = recharges.recharge(request);
    Response.Status status =
        PENDING.equals(result.recharge().status())
            ? Response.Status.ACCEPTED
            : result.replay() ? Response.Status.OK : Response.Status.CREATED;
    return Response.status(status).entity(result.recharge()).build();
  }
}
