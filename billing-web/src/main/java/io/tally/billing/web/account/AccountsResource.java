package io.tally.billing.web.account;

import static io.tally.billing.web.platform.Authentication.requireAccess;
import static io.tally.billing.web.platform.Authentication.requireService;

import io.tally.billing.account.AccountStore;
import io.tally.billing.api.AccountService;
import io.tally.billing.api.AccountView;
import io.tally.billing.api.ApiKeySummary;
import io.tally.billing.api.ApiKeyView;
import io.tally.billing.web.platform.Body;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Opening and reading accounts, and issuing account keys. */
@ApplicationScoped
@Path("accounts")
@Produces(MediaType.APPLICATION_JSON)
public class AccountsResource {

  @Context SecurityContext security;

  @Inject AccountService accounts;

  /** The balance read, in one statement outside any container boundary. */
  @Inject AccountStore store;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @APIResponse(
      responseCode = "201",
      description = "The new account.",
      content = @Content(schema = @Schema(implementation = AccountView.class)))
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "409", ref = "Conflict")
  @SecurityRequirement(name = "serviceKey")
  public Response open(
      @RequestBody(content = @Content(schema = @Schema(implementation = OpenAccountBody.class)))
          String text) {
    requireService(security);
    AccountView account = accounts.open(Body.read(text, OpenAccountBody.class).toAccount());
    return Response.status(Response.Status.CREATED).entity(account).build();
  }

  @GET
  @Path("{id}")
  public AccountView get(@PathParam("id") long id) {
    requireAccess(security, id);
    return store.find(id);
  }

  /** The account's keys by prefix, newest first; secrets are never shown again. */
  @GET
  @Path("{id}/api-keys")
  public List<ApiKeySummary> keys(@PathParam("id") long id) {
    requireAccess(security, id);
    return accounts.keys(id);
  }

  /** Revokes a key; the API refuses it from then on. Revoking it again changes nothing. */
  @DELETE
  @Path("{id}/api-keys/{keyId}")
  public ApiKeySummary revokeKey(@PathParam("id") long id, @PathParam("keyId") long keyId) {
    requireAccess(security, id);
    return accounts.revokeKey(id, keyId);
  }

  @POST
  @Path("{id}/api-keys")
  @APIResponse(
      responseCode = "201",
      description = "The key, shown this once.",
      content = @Content(schema = @Schema(implementation = ApiKeyView.class)))
  public Response issueKey(@PathParam("id") long id) {
    requireAccess(security, id);
    ApiKeyView key = accounts.issueKey(id);
    return Response.status(Response.Status.CREATED).entity(key).build();
  }
}
