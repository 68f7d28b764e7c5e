package io.tally.billing.web.usage;

import io.tally.billing.api.ChargingService;
import io.tally.billing.api.QuoteRequest;
import io.tally.billing.api.QuoteView;
import io.tally.billing.web.platform.Body;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Prices a call or a workflow's parts without charging anyone. */
@ApplicationScoped
@Path("quotes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class QuotesResource {

  @Inject ChargingService charging;

  @POST
  public QuoteView quote(String text) {
    Body body = Body.parse(text).only("model", "durationMs", "parameters", "workflow", "parts");
    if (body.has("parts") || body.has("workflow")) {
      UsageBodies.refuseSingleCallFields(body);
      String workflow = body.has("workflow") ? body.text("workflow", 200) : "workflow";
      return charging.quote(new QuoteRequest(workflow, UsageBodies.parts(body)));
    }
    return charging.quote(new QuoteRequest(null, List.of(UsageBodies.call(body))));
  }
}
