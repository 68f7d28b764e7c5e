package io.tally.billing.web.support;

import io.tally.billing.pricing.PricingFailures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * A plugin's failure count and its last failure, as the admin's page shows them, for a test to read
 * over HTTP. Exists only in the test WAR.
 */
@ApplicationScoped
@Path("test-support/pricing-failures")
public class PricingFailuresProbe {

  @Inject PricingFailures failures;

  /** {@code {count, model, what}}; count 0 when the plugin never failed. */
  @GET
  @Path("{plugin}")
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> of(@PathParam("plugin") String plugin) {
    return failures.list().stream()
        .filter(failed -> failed.plugin().equals(plugin))
        .findFirst()
        .<Map<String, Object>>map(
            failed ->
                Map.of(
                    "count", failed.count(),
                    "model", failed.last().model() == null ? "" : failed.last().model(),
                    "what", failed.last().what()))
        .orElse(Map.of("count", 0));
  }
}
