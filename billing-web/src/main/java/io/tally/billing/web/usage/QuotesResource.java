package io.tally.billing.web.usage;

import io.tally.billing.api.ChargingService;
import io.tally.billing.api.QuoteView;
import io.tally.billing.web.platform.Body;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Prices a call or a workflow's parts without charging anyone. */
@ApplicationScoped
@Path("quotes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class QuotesResource {

  @Inject ChargingService charging;

  @POST
  @APIResponse(
      responseCode = "200",
      description = "The price of the call or workflow.",
      content = @Content(schema = @Schema(implementation = QuoteView.class)))
  @APIResponse(responseCode = "502", ref = "BadGateway")
  public QuoteView quote(
      @RequestBody(content = @Content(schema = @Schema(implementation = QuoteBody.class)))
          String text) {
    return charging.quote(Body.read(text, QuoteBody.class).toRequest());
  }
}
