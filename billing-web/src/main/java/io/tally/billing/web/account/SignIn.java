package io.tally.billing.web.account;

import static jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters.withParams;

import io.tally.billing.api.WebUserService;
import io.tally.billing.web.limit.SignInThrottle;
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
import java.text.MessageFormat;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The sign-in form. Jakarta Security checks the password; on success the person goes back to the
 * page that sent them here, or to their home page. A new session id is issued at sign-in, so a
 * session id planted before it is worth nothing. Failed sign-ins are counted per e-mail and per
 * address ({@link SignInThrottle}); while either is locked out, no password is checked at all, and
 * the answer is the same whether the e-mail has an account or not.
 */
@Named
@RequestScoped
public class SignIn {

  @Inject SecurityContext security;

  @Inject FacesContext faces;

  @Inject Texts texts;

  @Inject SignInThrottle throttle;

  @Inject WebUserService users;

  private String email;
  private String password;

  public void signIn() {
    ExternalContext external = faces.getExternalContext();
    HttpServletRequest request = (HttpServletRequest) external.getRequest();
    String normalized = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    String address = request.getRemoteAddr();
    Optional<Duration> locked = throttle.signInLockedOut(normalized, address);
    if (locked.isPresent()) {
      FieldErrors.error(null, waitText(texts.get("signin.locked"), locked.get()));
      return;
    }
    if (request.getSession(false) != null) {
      request.changeSessionId();
    }
    AuthenticationStatus status =
        authenticate(
            request,
            (HttpServletResponse) external.getResponse(),
            normalized,
            password == null ? "" : password);
    switch (status) {
      case SEND_CONTINUE -> faces.responseComplete();
      case SUCCESS -> {
        throttle.signedIn(normalized);
        Home.redirect(faces, request);
      }
      default -> {
        // The identity store turns a database error into a plain failure: asking the database once
        // more throws when it is unreachable, so the page answers 503 (OutageFilter) and the
        // failure is not counted against the e-mail. The answer itself is not used.
        users.accountOf(normalized);
        throttle.signInFailed(normalized, address);
        FieldErrors.error(null, texts.get("signin.failed"));
      }
    }
  }

  /** {@code pattern} with the whole minutes of {@code wait}, at least one, in place of {0}. */
  static String waitText(String pattern, Duration wait) {
    long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
    return MessageFormat.format(pattern, minutes);
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
