package io.tally.billing.web.usage;

import static io.tally.billing.web.platform.Authentication.caller;
import static io.tally.billing.web.platform.Authentication.requireAccess;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.Caller;
import io.tally.billing.api.ChargeOutcome;
import io.tally.billing.api.ChargeResult;
import io.tally.billing.api.ChargeView;
import io.tally.billing.api.ChargingService;
import io.tally.billing.api.UsageEvent;
import io.tally.billing.web.platform.Body;
import io.tally.billing.web.platform.ErrorResponses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The gateway reports what calls used: one at a time or up to a thousand per request. */
@ApplicationScoped
@Path("usage")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsageResource {

  static final int MAX_BATCH = 1000;

  @Context SecurityContext security;

  @Inject ChargingService charging;

  /** 201 with the charge; 200 with the first charge for a requestId seen before. */
  @POST
  @APIResponse(
      responseCode = "201",
      description = "Charged.",
      content = @Content(schema = @Schema(implementation = ChargeView.class)))
  @APIResponse(
      responseCode = "200",
      description = "A replay of the requestId: the first charge.",
      content = @Content(schema = @Schema(implementation = ChargeView.class)))
  @APIResponse(responseCode = "402", ref = "OutOfCredits")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @APIResponse(responseCode = "502", ref = "BadGateway")
  public Response charge(
      @RequestBody(content = @Content(schema = @Schema(implementation = UsageBody.class)))
          String text) {
    UsageEvent event = Body.read(text, UsageBody.class).toEvent(caller(security));
    requireAccess(security, event.accountId());
    ChargeResult result = charging.charge(event);
    return Response.status(result.replay() ? Response.Status.OK : Response.Status.CREATED)
        .entity(result.charge())
        .build();
  }

  /**
   * Each event is charged (or refused) on its own, though several are written per transaction; the
   * answer lists one result per event, in order.
   */
  @POST
  @Path("batch")
  @APIResponse(
      responseCode = "200",
      description = "One result per event.",
      content = @Content(schema = @Schema(implementation = BatchAnswer.class)))
  public BatchAnswer batch(
      @RequestBody(content = @Content(schema = @Schema(implementation = BatchBody.class)))
          String text) {
    List<JsonObject> bodies = Body.read(text, BatchBody.class).events();
    BatchAnswer.Result[] results = new BatchAnswer.Result[bodies.size()];
    List<UsageEvent> events = new ArrayList<>(bodies.size());
    List<Integer> charged = new ArrayList<>(bodies.size());
    for (int i = 0; i < bodies.size(); i++) {
      try {
        UsageEvent event = event(bodies.get(i), "events[" + i + "].", caller(security));
        requireAccess(security, event.accountId());
        events.add(event);
        charged.add(i);
      } catch (BillingException refused) {
        results[i] = refused(i, refused);
      }
    }
    List<ChargeOutcome> outcomes = charging.chargeAll(events);
    for (int k = 0; k < outcomes.size(); k++) {
      ChargeOutcome outcome = outcomes.get(k);
      int i = charged.get(k);
      results[i] =
          outcome.refused() != null
              ? refused(i, outcome.refused())
              : new BatchAnswer.Result(
                  i, outcome.result().replay() ? 200 : 201, outcome.result().charge(), null);
    }
    return new BatchAnswer(List.of(results));
  }

  /** One event of a batch; what its record refuses names the field under the event's prefix. */
  private static UsageEvent event(JsonObject json, String prefix, Caller caller) {
    UsageBody body = Body.read(json, UsageBody.class, prefix);
    try {
      return body.toEvent(caller);
    } catch (BillingException refused) {
      throw refused.field() == null
          ? refused
          : new BillingException(
              refused.code(), refused.getMessage(), prefix + refused.field(), refused.details());
    }
  }

  private static BatchAnswer.Result refused(int index, BillingException refused) {
    return new BatchAnswer.Result(
        index, refused.code().httpStatus(), null, ErrorResponses.body(refused));
  }
}
