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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Holds a call's estimated cost before it runs; 402 when the account cannot cover it. */
@ApplicationScoped
@Path("authorizations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthorizationsResource {

  @Context SecurityContext security;

  @Inject AuthorizationService authorizations;

  @POST
  @APIResponse(
      responseCode = "201",
      description = "The hold.",
      content = @Content(schema = @Schema(implementation = AuthorizationView.class)))
  @APIResponse(responseCode = "402", ref = "OutOfCredits")
  @APIResponse(responseCode = "502", ref = "BadGateway")
  public Response authorize(
      @RequestBody(content = @Content(schema = @Schema(implementation = AuthorizationBody.class)))
          String text) {
    AuthorizationBody body = Body.read(text, AuthorizationBody.class);
    requireAccess(security, body.accountId());
    AuthorizationView hold = authorizations.authorize(body.accountId(), body.call());
    return Response.status(Response.Status.CREATED).entity(hold).build();
  }
}
