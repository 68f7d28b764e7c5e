package io.tally.billing.web.pricing;

import io.tally.billing.api.PluginView;
import io.tally.billing.pricing.PluginRegistry;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The pricing plugins this server loaded, with their versions and source jars. */
@Path("plugins")
@Produces(MediaType.APPLICATION_JSON)
public class PluginsResource {

  @Inject PluginRegistry plugins;

  @GET
  public List<PluginView> list() {
    return plugins.list();
  }
}
