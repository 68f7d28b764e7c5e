package io.tally.billing.web.spending;

import static io.tally.billing.web.platform.Authentication.requireAccess;

import io.tally.billing.api.SpendLimitService;
import io.tally.billing.api.SpendLimitView;
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
  public SpendLimitView set(@PathParam("id") long id, String text) {
    requireAccess(security, id);
    return limits.setAccountLimit(id, SpendLimitBodies.limit(text));
  }
}
