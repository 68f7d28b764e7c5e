package io.tally.billing.web.subscription;

import static io.tally.billing.web.platform.Authentication.requireAccess;

import io.tally.billing.api.AccountService;
import io.tally.billing.api.BillingException;
import io.tally.billing.api.SubscriptionChange;
import io.tally.billing.api.SubscriptionRequest;
import io.tally.billing.api.SubscriptionService;
import io.tally.billing.api.SubscriptionView;
import io.tally.billing.web.platform.Body;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
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
 * An account's subscription, for its own key or the service key. PUT subscribes or changes plan (an
 * optional Idempotency-Key reaches the card processor), DELETE cancels at the period's end.
 */
@ApplicationScoped
@Path("accounts/{id}/subscription")
@Produces(MediaType.APPLICATION_JSON)
public class SubscriptionResource {

  @Context SecurityContext security;

  @Inject SubscriptionService subscriptions;

  @Inject AccountService accounts;

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @APIResponse(
      responseCode = "200",
      description = "Subscribed or changed.",
      content = @Content(schema = @Schema(implementation = SubscriptionChange.class)))
  @APIResponse(
      responseCode = "202",
      description = "The payment is PENDING at the processor.",
      content = @Content(schema = @Schema(implementation = SubscriptionChange.class)))
  @APIResponse(responseCode = "402", ref = "PaymentDeclined")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @APIResponse(responseCode = "502", ref = "BadGateway")
  public Response subscribe(
      @PathParam("id") long id,
      @HeaderParam("Idempotency-Key") String key,
      @RequestBody(content = @Content(schema = @Schema(implementation = SubscriptionBody.class)))
          String text) {
    requireAccess(security, id);
    SubscriptionBody body = Body.read(text, SubscriptionBody.class);
    String plan = body.plan();
    String paymentMethod = body.paymentMethod();
    accounts.find(id);
    SubscriptionChange change =
        subscriptions.subscribe(
            new SubscriptionRequest(id, plan, paymentMethod, idempotencyKey(key)));
    // Accepted, not done: the card processor has yet to say how the payment ended.
    return Response.status(change.pending() ? Response.Status.ACCEPTED : Response.Status.OK)
        .entity(change)
        .build();
  }

  @GET
  public SubscriptionView get(@PathParam("id") long id) {
    requireAccess(security, id);
    accounts.find(id);
    return subscriptions.find(id);
  }

  @DELETE
  public SubscriptionView cancel(@PathParam("id") long id) {
    requireAccess(security, id);
    accounts.find(id);
    return subscriptions.cancel(id);
  }

  private static String idempotencyKey(String key) {
    if (key == null || key.isBlank()) {
      return null;
    }
    if (key.strip().length() > 100) {
      throw BillingException.invalid(
          "Idempotency-Key", "Idempotency-Key must be at most 100 characters");
    }
    return key.strip();
  }
}
