package io.tally.billing.web.account;

import static jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters.withParams;

import io.tally.billing.web.platform.FieldErrors;
import io.tally.billing.web.platform.Texts;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;

/**
 * The sign-in form. Jakarta Security checks the password; on success the person goes back to the
 * page that sent them here, or to their home page. A new session id is issued at sign-in, so a
 * session id planted before it is worth nothing.
 */
@Named
@RequestScoped
public class SignIn {

  @Inject SecurityContext security;

  @Inject FacesContext faces;

  @Inject Texts texts;

  private String email;
  private String password;

  public void signIn() {
    ExternalContext external = faces.getExternalContext();
    HttpServletRequest request = (HttpServletRequest) external.getRequest();
    if (request.getSession(false) != null) {
      request.changeSessionId();
    }
    AuthenticationStatus status =
        authenticate(
            request,
            (HttpServletResponse) external.getResponse(),
            email == null ? "" : email.strip().toLowerCase(Locale.ROOT),
            password == null ? "" : password);
    switch (status) {
      case SEND_CONTINUE -> faces.responseComplete();
      case SUCCESS -> Home.redirect(faces, request);
      default -> FieldErrors.error(null, texts.get("signin.failed"));
    }
  }

  /** Signs {@code email} in for this session; used by sign-up too. */
  AuthenticationStatus authenticate(
      HttpServletRequest request, HttpServletResponse response, String email, String password) {
    return security.authenticate(
        request,
        response,
        withParams()
            .credential(new UsernamePasswordCredential(email, new Password(password)))
            .newAuthentication(true));
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }
}
