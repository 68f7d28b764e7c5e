package io.tally.billing.web.pricing;

import static io.tally.billing.web.platform.Authentication.requireService;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.CatalogService;
import io.tally.billing.api.DefinedModel;
import io.tally.billing.api.ModelStatsService;
import io.tally.billing.api.ModelStatsView;
import io.tally.billing.api.ModelView;
import io.tally.billing.platform.Json;
import io.tally.billing.web.platform.Body;
import io.tally.billing.web.platform.Keyless;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** The model catalog with current price sheets; admins define models and schedule prices. */
@ApplicationScoped
@Path("models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {

  @Context SecurityContext security;

  @Inject CatalogService catalog;

  @Inject ModelStatsService stats;

  @GET
  public List<ModelView> list() {
    return catalog.list();
  }

  @GET
  @Path("{id}")
  public ModelView get(@PathParam("id") String id) {
    return catalog.view(id);
  }

  /**
   * The model's platform-wide speed over the last {@code days} (default 7): public, as the model
   * pages are, so it needs no key.
   */
  @GET
  @Path("{id}/stats")
  @Keyless
  public ModelStatsView stats(@PathParam("id") String id, @QueryParam("days") String days) {
    return stats.stats(id, days == null ? 7 : days(days));
  }

  private static int days(String text) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException notAWholeNumber) {
      throw BillingException.invalid(
          "days", "days must be a whole number from 1 to " + ModelStatsService.MAX_DAYS);
    }
  }

  /** 201 when the model is new, 200 when it existed. */
  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @APIResponse(
      responseCode = "201",
      description = "A new model.",
      content = @Content(schema = @Schema(implementation = ModelView.class)))
  @APIResponse(
      responseCode = "200",
      description = "The model, changed.",
      content = @Content(schema = @Schema(implementation = ModelView.class)))
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @SecurityRequirement(name = "serviceKey")
  public Response define(
      @PathParam("id") String id,
      @RequestBody(content = @Content(schema = @Schema(implementation = ModelBody.class)))
          String text) {
    requireService(security);
    DefinedModel defined = catalog.define(id, Body.read(text, ModelBody.class).toDefinition());
    return Response.status(defined.created() ? Response.Status.CREATED : Response.Status.OK)
        .entity(defined.model())
        .build();
  }

  /**
   * A new price version from {@code effectiveFrom}: calls that start before it keep the old one.
   */
  @PUT
  @Path("{id}/price")
  @Consumes(MediaType.APPLICATION_JSON)
  @APIResponse(
      responseCode = "200",
      description = "The model with its new price version.",
      content = @Content(schema = @Schema(implementation = ModelView.class)))
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @SecurityRequirement(name = "serviceKey")
  public ModelView changePrice(
      @PathParam("id") String id,
      @RequestBody(content = @Content(schema = @Schema(implementation = PriceBody.class)))
          String text) {
    requireService(security);
    PriceBody body = Body.read(text, PriceBody.class);
    return catalog.changePrice(
        id,
        Json.toMap(body.pricing()),
        FailedCallsBody.toPrice(body.failedCalls()),
        body.effectiveFrom());
  }
}
