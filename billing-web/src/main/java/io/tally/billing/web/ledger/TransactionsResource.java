package io.tally.billing.web.ledger;

import static io.tally.billing.web.platform.Authentication.requireAccess;

import io.tally.billing.api.AccountService;
import io.tally.billing.api.LedgerService;
import io.tally.billing.api.TransactionPage;
import io.tally.billing.web.platform.Paging;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** An account's ledger entries, newest first, a page at a time. */
@ApplicationScoped
@Path("accounts/{id}/transactions")
@Produces(MediaType.APPLICATION_JSON)
public class TransactionsResource {

  @Context SecurityContext security;

  @Inject LedgerService ledger;

  @Inject AccountService accounts;

  @GET
  public TransactionPage list(
      @PathParam("id") long id,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    requireAccess(security, id);
    accounts.find(id);
    Paging page = Paging.of(limit, cursor, LedgerService.MAX_PAGE);
    return ledger.transactions(id, page.limit(), page.after());
  }
}
