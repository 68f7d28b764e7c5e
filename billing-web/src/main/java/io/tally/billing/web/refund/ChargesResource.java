package io.tally.billing.web.refund;

import static io.tally.billing.web.platform.Authentication.caller;
import static io.tally.billing.web.platform.Authentication.requireService;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.ChargeRefunds;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.api.Money;
import io.tally.billing.api.RefundRequest;
import io.tally.billing.api.RefundResult;
import io.tally.billing.api.RefundService;
import io.tally.billing.api.RefundView;
import io.tally.billing.web.platform.Body;
import io.tally.billing.web.platform.IdempotencyKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** A charge with what was refunded of it, and its refunds. */
@ApplicationScoped
@Path("charges/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class ChargesResource {

  @Context SecurityContext security;

  @Inject RefundService refunds;

  @GET
  public ChargeRefunds get(@PathParam("id") long id) {
    return visible(id);
  }

  @GET
  @Path("refunds")
  public List<RefundView> list(@PathParam("id") long id) {
    return visible(id).refunds();
  }

  /**
   * Refunds all ({@code amount} left out) or part of the charge to its account. The charge is
   * looked up before the key is checked, so an account key learns nothing of other accounts'
   * charges (404) and is refused its own (403).
   */
  @POST
  @Path("refunds")
  @Consumes(MediaType.APPLICATION_JSON)
  @APIResponse(
      responseCode = "201",
      description = "The refund.",
      content = @Content(schema = @Schema(implementation = RefundView.class)))
  @APIResponse(
      responseCode = "200",
      description = "A replay of the Idempotency-Key: the first refund.",
      content = @Content(schema = @Schema(implementation = RefundView.class)))
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "409", ref = "Conflict")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @SecurityRequirement(name = "serviceKey")
  public Response refund(
      @PathParam("id") long id,
      @HeaderParam("Idempotency-Key") String key,
      @RequestBody(content = @Content(schema = @Schema(implementation = RefundBody.class)))
          String text) {
    visible(id);
    requireService(security);
    String idempotencyKey = IdempotencyKeys.require(key);
    RefundBody body = Body.read(text, RefundBody.class);
    BigDecimal amount = body.amount() == null ? null : Money.of(body.amount());
    String reason = body.reason();
    RefundResult refunded =
        refunds.refund(new RefundRequest(id, amount, reason, idempotencyKey, "admin"));
    return Response.status(refunded.replay() ? Response.Status.OK : Response.Status.CREATED)
        .entity(refunded.refund())
        .build();
  }

  private ChargeRefunds visible(long id) {
    ChargeRefunds charge = refunds.charge(id);
    if (!caller(security).mayActOn(charge.charge().accountId())) {
      throw new BillingException(ErrorCode.CHARGE_NOT_FOUND, "no charge " + id);
    }
    return charge;
  }
}
