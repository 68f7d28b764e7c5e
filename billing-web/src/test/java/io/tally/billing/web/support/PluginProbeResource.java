package io.tally.billing.web.support;

import io.tally.billing.pricing.PluginRegistry;
import io.tally.pricing.spi.PriceSheet;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * Asks the plugin that prices a family to describe a per-second sheet, so that a test sees what a
 * plugin built for an older SPI answers for a method it never had. Exists only in the test WAR.
 */
@Path("test-support/plugins")
public class PluginProbeResource {

  @Inject PluginRegistry plugins;

  @GET
  @Path("describe")
  @Produces(MediaType.APPLICATION_JSON)
  public List<String> describe(
      @QueryParam("family") String family, @QueryParam("ratePerSecond") String rate) {
    return plugins
        .forFamily(family)
        .orElseThrow(NotFoundException::new)
        .plugin()
        .describe(new PriceSheet("per_second", Map.of("ratePerSecond", rate)));
  }
}
