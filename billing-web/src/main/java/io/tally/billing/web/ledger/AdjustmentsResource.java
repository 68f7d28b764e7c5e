package io.tally.billing.web.ledger;

import static io.tally.billing.web.platform.Authentication.requireService;

import io.tally.billing.api.AccountService;
import io.tally.billing.api.AdjustmentRequest;
import io.tally.billing.api.AdjustmentResult;
import io.tally.billing.api.BillingException;
import io.tally.billing.api.LedgerService;
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
import java.math.BigDecimal;

/** Admin credits and debits, each with a reason and an Idempotency-Key. */
@ApplicationScoped
@Path("accounts/{id}/adjustments")
@Produces(MediaType.APPLICATION_JSON)
public class AdjustmentsResource {

  @Context SecurityContext security;

  @Inject LedgerService ledger;

  @Inject AccountService accounts;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response adjust(
      @PathParam("id") long id, @HeaderParam("Idempotency-Key") String key, String text) {
    requireService(security);
    String idempotencyKey = IdempotencyKeys.require(key);
    Body body = Body.parse(text).only("amount", "reason");
    BigDecimal amount = body.amount("amount");
    if (amount.signum() == 0) {
      throw BillingException.invalid("amount", "amount must not be zero");
    }
    String reason = body.text("reason", 500);
    accounts.find(id);
    AdjustmentResult adjusted =
        ledger.adjust(new AdjustmentRequest(id, amount, reason, idempotencyKey, "admin"));
    return Response.status(adjusted.replay() ? Response.Status.OK : Response.Status.CREATED)
        .entity(adjusted.entry())
        .build();
  }
}
