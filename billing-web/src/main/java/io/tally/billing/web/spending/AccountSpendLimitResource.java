package io.tally.billing.web.spending;

import static io.tally.billing.web.platform.Authentication.requireAccess;

import io.tally.billing.api.SpendLimitService;
import io.tally.billing.api.SpendLimitView;
import io.tally.billing.web.platform.Body;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** The account's monthly spend limit: a PUT replaces it, so repeating it changes nothing more. */
@ApplicationScoped
@Path("accounts/{id}/spend-limit")
@Produces(MediaType.APPLICATION_JSON)
public class AccountSpendLimitResource {

  @Context SecurityContext security;

  @Inject SpendLimitService limits;

  @GET
  public SpendLimitView get(@PathParam("id") long id) {
    requireAccess(security, id);
    return limits.accountLimit(id);
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  public SpendLimitView set(
      @PathParam("id") long id,
      @RequestBody(content = @Content(schema = @Schema(implementation = SpendLimitBody.class)))
          String text) {
    requireAccess(security, id);
    return limits.setAccountLimit(id, Body.read(text, SpendLimitBody.class).exact());
  }
}
