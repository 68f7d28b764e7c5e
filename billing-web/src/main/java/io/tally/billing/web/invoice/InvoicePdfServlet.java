package io.tally.billing.web.invoice;

import io.tally.billing.api.AccountService;
import io.tally.billing.api.BillingException;
import io.tally.billing.api.InvoiceService;
import io.tally.billing.api.InvoiceView;
import io.tally.billing.web.account.CurrentUser;
import io.tally.billing.web.platform.FieldErrors;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * An invoice's PDF, {@code /account/invoice.pdf?id=N} for the customer who owns it and {@code
 * /admin/invoice.pdf?id=N} for admins; web.xml's constraints on those folders decide who gets here
 * at all. Another account's invoice, or one that does not exist, is a 404 (as in the HTTP API).
 */
@WebServlet(urlPatterns = {"/account/invoice.pdf", "/admin/invoice.pdf"})
public class InvoicePdfServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject InvoiceService invoices;

  @Inject AccountService accounts;

  @Inject CurrentUser user;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    InvoiceView invoice = visible(request.getParameter("id"));
    if (invoice == null) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    byte[] pdf = InvoicePdf.render(invoice, accounts.find(invoice.accountId()));
    response.setContentType("application/pdf");
    response.setHeader(
        "Content-Disposition", "attachment; filename=\"" + invoice.number() + ".pdf\"");
    response.setHeader("Cache-Control", "private, no-store");
    response.setContentLength(pdf.length);
    response.getOutputStream().write(pdf);
  }

  /** The invoice if the caller may read it, else null. */
  private InvoiceView visible(String id) {
    if (id == null || !id.matches("[0-9]{1,18}")) {
      return null;
    }
    InvoiceView invoice;
    try {
      invoice = invoices.find(Long.parseLong(id));
    } catch (RuntimeException thrown) {
      BillingException refusal = FieldErrors.refusal(thrown);
      if (refusal.code().httpStatus() == HttpServletResponse.SC_NOT_FOUND) {
        return null;
      }
      throw refusal;
    }
    boolean mayRead =
        user.isAdmin() || (user.isCustomer() && user.accountId() == invoice.accountId());
    return mayRead ? invoice : null;
  }
}
