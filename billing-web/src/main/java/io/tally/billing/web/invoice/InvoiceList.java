package io.tally.billing.web.invoice;

import io.tally.billing.api.InvoiceService;
import io.tally.billing.api.InvoiceView;
import io.tally.billing.web.account.CurrentUser;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * The billing page's invoices: the signed-in customer's own (post-paid accounts get one a month),
 * newest month first, each with a link to its PDF.
 */
@Named
@RequestScoped
public class InvoiceList {

  @Inject InvoiceService invoices;

  @Inject CurrentUser user;

  private List<InvoiceView> list;

  public List<InvoiceView> getInvoices() {
    if (list == null) {
      list = invoices.list(user.accountId());
    }
    return list;
  }
}
