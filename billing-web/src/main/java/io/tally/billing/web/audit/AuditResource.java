package io.tally.billing.web.audit;

import static io.tally.billing.web.platform.Authentication.requireService;

import io.tally.billing.api.AuditAction;
import io.tally.billing.api.AuditPage;
import io.tally.billing.api.AuditQuery;
import io.tally.billing.api.AuditService;
import io.tally.billing.api.BillingException;
import io.tally.billing.web.platform.Paging;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** The audit of admin and money actions, newest first, for the service key only. */
@ApplicationScoped
@Path("audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

  @Context SecurityContext security;

  @Inject AuditService audit;

  @GET
  @APIResponse(
      responseCode = "200",
      description = "A page of the audit, newest first.",
      content = @Content(schema = @Schema(implementation = AuditPage.class)))
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @SecurityRequirement(name = "serviceKey")
  public AuditPage list(
      @QueryParam("account") String account,
      @QueryParam("action") String action,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    requireService(security);
    Paging page = Paging.of(limit, cursor, AuditService.MAX_PAGE);
    return audit.entries(
        new AuditQuery(account(account), action(action), page.limit(), page.after()));
  }

  static Long account(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Long.valueOf(text.strip());
    } catch (NumberFormatException e) {
      throw BillingException.invalid("account", "account must be an account id");
    }
  }

  static AuditAction action(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    return AuditAction.of(text.strip())
        .orElseThrow(
            () ->
                BillingException.invalid(
                    "action", "action must be one of " + AuditLog.actionCodes()));
  }
}
