package io.tally.billing.web.ledger;

import static io.tally.billing.web.platform.Authentication.requireService;

import io.tally.billing.api.LedgerService;
import io.tally.billing.api.ReconciliationReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** The proof that every balance equals the sum of its ledger entries (service key). */
@ApplicationScoped
@Path("reconciliation")
@Produces(MediaType.APPLICATION_JSON)
public class ReconciliationResource {

  @Context SecurityContext security;

  @Inject LedgerService ledger;

  @GET
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(
      responseCode = "200",
      description = "The check of every account.",
      content = @Content(schema = @Schema(implementation = ReconciliationReport.class)))
  @SecurityRequirement(name = "serviceKey")
  public ReconciliationReport check() {
    requireService(security);
    return ledger.reconcile();
  }
}
