package io.tally.billing.web.usage;

import static io.tally.billing.web.platform.Authentication.requireAccess;

import io.tally.billing.api.AuthorizationService;
import io.tally.billing.api.AuthorizationView;
import io.tally.billing.web.platform.Body;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/** Holds a call's estimated cost before it runs; 402 when the account cannot cover it. */
@ApplicationScoped
@Path("authorizations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthorizationsResource {

  @Context SecurityContext security;

  @Inject AuthorizationService authorizations;

  @POST
  public Response authorize(String text) {
    Body body = Body.parse(text).only("accountId", "model", "durationMs", "parameters");
    long accountId = body.id("accountId");
    requireAccess(security, accountId);
    AuthorizationView hold = authorizations.authorize(accountId, UsageBodies.call(body));
    return Response.status(Response.Status.CREATED).entity(hold).build();
  }
}
