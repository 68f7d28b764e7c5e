package io.tally.billing.web.payment;

import static io.tally.billing.web.platform.Authentication.requireAccess;

import io.tally.billing.api.AccountService;
import io.tally.billing.api.Money;
import io.tally.billing.api.RechargeRequest;
import io.tally.billing.api.RechargeResult;
import io.tally.billing.api.RechargeService;
import io.tally.billing.api.RechargeView;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

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
  @APIResponse(
      responseCode = "201",
      description = "Paid and credited.",
      content = @Content(schema = @Schema(implementation = RechargeView.class)))
  @APIResponse(
      responseCode = "200",
      description = "A replay of the Idempotency-Key: the first answer.",
      content = @Content(schema = @Schema(implementation = RechargeView.class)))
  @APIResponse(
      responseCode = "202",
      description = "PENDING: the processor has not answered; the same key asks again.",
      content = @Content(schema = @Schema(implementation = RechargeView.class)))
  @APIResponse(responseCode = "402", ref = "PaymentDeclined")
  @APIResponse(responseCode = "409", ref = "Conflict")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @APIResponse(responseCode = "502", ref = "BadGateway")
  public Response recharge(
      @PathParam("id") long id,
      @HeaderParam("Idempotency-Key") String key,
      @RequestBody(content = @Content(schema = @Schema(implementation = RechargeBody.class)))
          String text) {
    requireAccess(security, id);
    String idempotencyKey = IdempotencyKeys.require(key);
    RechargeBody body = Body.read(text, RechargeBody.class);
    RechargeRequest request =
        new RechargeRequest(id, Money.of(body.amount()), body.paymentMethod(), idempotencyKey);
    accounts.find(id);
    RechargeResult result = recharges.recharge(request);
    Response.Status status =
        PENDING.equals(result.recharge().status())
            ? Response.Status.ACCEPTED
            : result.replay() ? Response.Status.OK : Response.Status.CREATED;
    return Response.status(status).entity(result.recharge()).build();
  }
}
