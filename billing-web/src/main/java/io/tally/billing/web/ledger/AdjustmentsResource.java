package io.tally.billing.web.ledger;

import static io.tally.billing.web.platform.Authentication.requireService;

import io.tally.billing.api.AccountService;
import io.tally.billing.api.AdjustmentRequest;
import io.tally.billing.api.AdjustmentResult;
import io.tally.billing.api.BillingException;
import io.tally.billing.api.LedgerService;
import io.tally.billing.api.Money;
import io.tally.billing.api.TransactionPage;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

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
  @APIResponse(
      responseCode = "201",
      description = "The ledger entry.",
      content = @Content(schema = @Schema(implementation = TransactionPage.Entry.class)))
  @APIResponse(
      responseCode = "200",
      description = "A replay of the Idempotency-Key: the first entry.",
      content = @Content(schema = @Schema(implementation = TransactionPage.Entry.class)))
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "409", ref = "Conflict")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @SecurityRequirement(name = "serviceKey")
  public Response adjust(
      @PathParam("id") long id,
      @HeaderParam("Idempotency-Key") String key,
      @RequestBody(content = @Content(schema = @Schema(implementation = AdjustmentBody.class)))
          String text) {
    requireService(security);
    String idempotencyKey = IdempotencyKeys.require(key);
    AdjustmentBody body = Body.read(text, AdjustmentBody.class);
    BigDecimal amount = Money.of(body.amount());
    if (amount.signum() == 0) {
      throw BillingException.invalid("amount", "amount must not be zero");
    }
    String reason = body.reason();
    accounts.find(id);
    AdjustmentResult adjusted =
        ledger.adjust(new AdjustmentRequest(id, amount, reason, idempotencyKey, "admin"));
    return Response.status(adjusted.replay() ? Response.Status.OK : Response.Status.CREATED)
        .entity(adjusted.entry())
        .build();
  }
}
