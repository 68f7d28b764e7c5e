package io.tally.billing.web.usage;

import static io.tally.billing.web.platform.Authentication.caller;
import static io.tally.billing.web.platform.Authentication.requireAccess;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.ChargeOutcome;
import io.tally.billing.api.ChargeResult;
import io.tally.billing.api.ChargingService;
import io.tally.billing.api.UsageEvent;
import io.tally.billing.web.platform.Body;
import io.tally.billing.web.platform.ErrorResponses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
  public Response charge(String text) {
    ChargeResult result = charge(Body.parse(text));
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
  public Map<String, Object> batch(String text) {
    Body body = Body.parse(text).only("events");
    List<Body> bodies = body.objects("events", MAX_BATCH);
    List<Map<String, Object>> results = new ArrayList<>(bodies.size());
    List<UsageEvent> events = new ArrayList<>(bodies.size());
    List<Map<String, Object>> charged = new ArrayList<>(bodies.size());
    for (int i = 0; i < bodies.size(); i++) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("index", i);
      results.add(result);
      try {
        UsageEvent event = UsageBodies.event(bodies.get(i), caller(security));
        requireAccess(security, event.accountId());
        events.add(event);
        charged.add(result);
      } catch (BillingException refused) {
        refused(result, refused);
      }
    }
    List<ChargeOutcome> outcomes = charging.chargeAll(events);
    for (int k = 0; k < outcomes.size(); k++) {
      ChargeOutcome outcome = outcomes.get(k);
      Map<String, Object> result = charged.get(k);
      if (outcome.refused() != null) {
        refused(result, outcome.refused());
      } else {
        result.put("status", outcome.result().replay() ? 200 : 201);
        result.put("charge", outcome.result().charge());
      }
    }
    return Map.of("results", results);
  }

  private ChargeResult charge(Body body) {
    UsageEvent event = UsageBodies.event(body, caller(security));
    requireAccess(security, event.accountId());
    return charging.charge(event);
  }

  private static void refused(Map<String, Object> result, BillingException refused) {
    result.put("status", refused.code().httpStatus());
    result.put("error", ErrorResponses.body(refused));
  }
}
