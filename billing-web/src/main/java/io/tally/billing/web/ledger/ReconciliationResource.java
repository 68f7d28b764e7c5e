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

/** The proof that every balance equals the sum of its ledger entries (service key). */
@ApplicationScoped
@Path("reconciliation")
@Produces(MediaType.APPLICATION_JSON)
public class ReconciliationResource {

  @Context SecurityContext security;

  @Inject LedgerService ledger;

  @GET
  public ReconciliationReport check() {
    requireService(security);
    return ledger.reconcile();
  }
}
