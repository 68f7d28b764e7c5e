package io.tally.billing.web.pricing;

import static io.tally.billing.web.platform.Authentication.requireService;

import io.tally.billing.api.PluginReload;
import io.tally.billing.api.PluginService;
import io.tally.billing.api.PluginView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * The pricing plugins: what serves (with its jar's SHA-256 and state) and what was refused, and the
 * service key's reload of the plugin directory.
 */
@ApplicationScoped
@Path("plugins")
@Produces(MediaType.APPLICATION_JSON)
public class PluginsResource {

  @Context SecurityContext security;

  @Inject PluginService plugins;

  @GET
  public List<PluginView> list() {
    return plugins.plugins();
  }

  /** Rescans the directory now; answers what changed and the plugins after it. Audited. */
  @POST
  @Path("reload")
  @APIResponse(
      responseCode = "200",
      description = "What the reload changed.",
      content = @Content(schema = @Schema(implementation = PluginReload.class)))
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @SecurityRequirement(name = "serviceKey")
  public PluginReload reload() {
    requireService(security);
    return plugins.reload();
  }
}
