package io.tally.billing.web.account;

import static io.tally.billing.web.platform.Authentication.requireAccess;
import static io.tally.billing.web.platform.Authentication.requireService;

import io.tally.billing.api.AccountService;
import io.tally.billing.api.AccountView;
import io.tally.billing.api.ApiKeySummary;
import io.tally.billing.api.ApiKeyView;
import io.tally.billing.api.BillingException;
import io.tally.billing.api.BillingMode;
import io.tally.billing.api.OpenAccount;
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
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/** Opening and reading accounts, and issuing account keys. */
@ApplicationScoped
@Path("accounts")
@Produces(MediaType.APPLICATION_JSON)
public class AccountsResource {

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  @Context SecurityContext security;

  @Inject AccountService accounts;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response open(String text) {
    requireService(security);
    Body body = Body.parse(text).only("email", "name", "billingMode", "creditLimit");
    String email = body.text("email", 254);
    if (!EMAIL.matcher(email).matches()) {
      throw BillingException.invalid("email", "email must be an e-mail address");
    }
    BigDecimal creditLimit = body.optionalAmount("creditLimit");
    if (creditLimit != null && creditLimit.signum() < 0) {
      throw BillingException.invalid("creditLimit", "creditLimit must not be negative");
    }
    AccountView account =
        accounts.open(
            new OpenAccount(
                email.toLowerCase(java.util.Locale.ROOT),
                body.text("name", 200),
                body.optionalEnum("billingMode", BillingMode.class, BillingMode.PREPAID),
                creditLimit));
    return Response.status(Response.Status.CREATED).entity(account).build();
  }

  @GET
  @Path("{id}")
  public AccountView get(@PathParam("id") long id) {
    requireAccess(security, id);
    return accounts.find(id);
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
  public Response issueKey(@PathParam("id") long id) {
    requireAccess(security, id);
    ApiKeyView key = accounts.issueKey(id);
    return Response.status(Response.Status.CREATED).entity(key).build();
  }
}
