package io.tally.billing.web.account;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The front door: admins go to the accounts, customers to billing, others to sign in. */
@Named
@RequestScoped
public class Home {

  @Inject FacesContext faces;

  /** Runs as the view action of {@code index.xhtml}. */
  public void route() {
    redirect(faces, (HttpServletRequest) faces.getExternalContext().getRequest());
  }

  static void redirect(FacesContext faces, HttpServletRequest request) {
    String page =
        request.isUserInRole("admin")
            ? "/admin/accounts.xhtml"
            : request.isUserInRole("customer") ? "/account/billing.xhtml" : "/login.xhtml";
    try {
      faces.getExternalContext().redirect(request.getContextPath() + page);
      faces.responseComplete();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
