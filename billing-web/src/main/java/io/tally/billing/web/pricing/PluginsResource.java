package io.tally.billing.web.pricing;

import io.tally.billing.api.CatalogService;
import io.tally.billing.api.PluginView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The pricing plugins this server loaded, with their versions and source jars. */
@ApplicationScoped
@Path("plugins")
@Produces(MediaType.APPLICATION_JSON)
public class PluginsResource {

  @Inject CatalogService catalog;

  @GET
  public List<PluginView> list() {
    return catalog.plugins();
  }
}
