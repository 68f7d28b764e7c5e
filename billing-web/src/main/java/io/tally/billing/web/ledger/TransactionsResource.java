package io.tally.billing.web.ledger;

import static io.tally.billing.web.platform.Authentication.requireAccess;

import io.tally.billing.api.AccountService;
import io.tally.billing.api.BillingException;
import io.tally.billing.api.LedgerService;
import io.tally.billing.api.TransactionPage;
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

  private static final int DEFAULT_LIMIT = 50;

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
    int pageSize = (int) number("limit", limit, DEFAULT_LIMIT, 1, LedgerService.MAX_PAGE);
    Long after = cursor == null ? null : number("cursor", cursor, 0, 1, Long.MAX_VALUE);
    return ledger.transactions(id, pageSize, after);
  }

  private static long number(String name, String value, long fallback, long min, long max) {
    if (value == null) {
      return fallback;
    }
    try {
      long parsed = Long.parseLong(value.strip());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw BillingException.invalid(
        name, name + " must be a whole number from " + min + " to " + max);
  }
}
