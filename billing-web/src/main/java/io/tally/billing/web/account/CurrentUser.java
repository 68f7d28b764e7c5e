package io.tally.billing.web.account;

import io.tally.billing.api.WebUserService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import java.util.Locale;

/**
 * Who is signed in, and the one account a customer's pages show. The account is never taken from
 * the URL: a customer's pages cannot name another account.
 */
@Named
@RequestScoped
public class CurrentUser {

  @Inject SecurityContext security;

  @Inject HttpServletRequest request;

  @Inject WebUserService users;

  private Long accountId;

  public boolean isSignedIn() {
    return security.getCallerPrincipal() != null;
  }

  /** The signed-in e-mail, or null. */
  public String getEmail() {
    Principal caller = security.getCallerPrincipal();
    return caller == null ? null : caller.getName().toLowerCase(Locale.ROOT);
  }

  public boolean isCustomer() {
    return request.isUserInRole("customer");
  }

  public boolean isAdmin() {
    return request.isUserInRole("admin");
  }

  /** The signed-in customer's account. Only customer pages ask (web.xml lets no one else in). */
  public long accountId() {
    if (accountId == null) {
      accountId =
          users
              .accountOf(getEmail())
              .orElseThrow(() -> new IllegalStateException("the caller owns no account"));
    }
    return accountId;
  }

  /** Ends the session and goes to the sign-in page. */
  public String signOut() throws ServletException {
    request.logout();
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    return "/login.xhtml?faces-redirect=true&signedOut=true";
  }
}
