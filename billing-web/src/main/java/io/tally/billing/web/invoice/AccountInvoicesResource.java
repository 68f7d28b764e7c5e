package io.tally.billing.web.invoice;

import static io.tally.billing.web.platform.Authentication.requireAccess;

import io.tally.billing.api.AccountService;
import io.tally.billing.api.InvoiceService;
import io.tally.billing.api.InvoiceView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/** An account's invoices, newest month first. */
@ApplicationScoped
@Path("accounts/{id}/invoices")
@Produces(MediaType.APPLICATION_JSON)
public class AccountInvoicesResource {

  @Context SecurityContext security;

  @Inject InvoiceService invoices;

  @Inject AccountService accounts;

  @GET
  public List<InvoiceView> list(@PathParam("id") long id) {
    requireAccess(security, id);
    accounts.find(id);
    return invoices.list(id);
  }
}
