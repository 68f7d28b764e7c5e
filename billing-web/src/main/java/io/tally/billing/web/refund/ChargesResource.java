package io.tally.billing.web.refund;

import static io.tally.billing.web.platform.Authentication.caller;
import static io.tally.billing.web.platform.Authentication.requireService;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.ChargeRefunds;
import io.tally.billing.api.ErrorCode;
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
  public Response refund(
      @PathParam("id") long id, @HeaderParam("Idempotency-Key") String key, String text) {
    visible(id);
    requireService(security);
    String idempotencyKey = IdempotencyKeys.require(key);
    Body body = Body.parse(text).only("amount", "reason");
    BigDecimal amount = body.optionalAmount("amount");
    if (amount != null && amount.signum() <= 0) {
      throw BillingException.invalid("amount", "amount must be positive");
    }
    String reason = body.text("reason", 500);
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
