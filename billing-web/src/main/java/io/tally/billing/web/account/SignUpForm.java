package io.tally.billing.web.account;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.SignUp;
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
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The sign-up form: opens a Free account (with its $1.00 grant) through {@link WebUserService},
 * then signs the new customer in and shows the billing page. Refusals appear beside their field.
 * Sign-ups are counted per client address ({@link SignInThrottle}): each opens an account with free
 * credit, and its refusals tell which e-mails have an account.
 */
@Named
@RequestScoped
public class SignUpForm {

  private static final Map<String, String> INPUTS =
      Map.of(
          "email", "signup:email",
          "name", "signup:name",
          "password", "signup:password");

  @Inject WebUserService users;

  @Inject SignIn signIn;

  @Inject FacesContext faces;

  @Inject SignInThrottle throttle;

  @Inject Texts texts;

  private String email;
  private String name;
  private String password;

  public void signUp() {
    ExternalContext external = faces.getExternalContext();
    HttpServletRequest request = (HttpServletRequest) external.getRequest();
    Optional<Duration> wait = throttle.signUp(request.getRemoteAddr());
    if (wait.isPresent()) {
      FieldErrors.error(null, SignIn.waitText(texts.get("signup.throttled"), wait.get()));
      return;
    }
    String normalized = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    try {
      users.signUp(new SignUp(normalized, name, password));
    } catch (RuntimeException thrown) {
      BillingException refusal = FieldErrors.refusal(thrown);
      FieldErrors.show(refusal, INPUTS);
      return;
    }
    if (request.getSession(false) != null) {
      request.changeSessionId();
    }
    AuthenticationStatus status =
        signIn.authenticate(
            request, (HttpServletResponse) external.getResponse(), normalized, password);
    if (status == AuthenticationStatus.SEND_CONTINUE) {
      faces.responseComplete();
    } else {
      Home.redirect(faces, request);
    }
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }
}
