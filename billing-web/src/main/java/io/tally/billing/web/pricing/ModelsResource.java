package io.tally.billing.web.pricing;

import static io.tally.billing.web.platform.Authentication.requireService;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.CatalogService;
import io.tally.billing.api.DefinedModel;
import io.tally.billing.api.FailedCallPrice;
import io.tally.billing.api.ModelDefinition;
import io.tally.billing.api.ModelStatsService;
import io.tally.billing.api.ModelStatsView;
import io.tally.billing.api.ModelView;
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
import java.util.Map;

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
  public Response define(@PathParam("id") String id, String text) {
    requireService(security);
    Body body = Body.parse(text).only("family", "name", "gpu", "pricing", "failedCalls");
    DefinedModel defined =
        catalog.define(
            id,
            new ModelDefinition(
                body.text("family", 50),
                body.text("name", 200),
                body.optionalText("gpu", 100),
                pricing(body),
                failedCalls(body)));
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
  public ModelView changePrice(@PathParam("id") String id, String text) {
    requireService(security);
    Body body = Body.parse(text).only("pricing", "effectiveFrom", "failedCalls");
    return catalog.changePrice(id, pricing(body), failedCalls(body), body.instant("effectiveFrom"));
  }

  /**
   * {@code failedCalls: {minimum?, share?}}: what a failed call costs under the version, beside the
   * sheet so that the plugin validates only its own sheet. Absent: failed calls cost nothing.
   */
  private static FailedCallPrice failedCalls(Body body) {
    Body rule = body.optionalBody("failedCalls");
    if (rule == null) {
      return null;
    }
    rule.only("minimum", "share");
    return new FailedCallPrice(rule.optionalAmount("minimum"), rule.optionalAmount("share"));
  }

  private static Map<String, Object> pricing(Body body) {
    return body.object("pricing");
  }
}
