package io.tally.billing.web.support;

import io.tally.billing.account.WebUsers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

/**
 * Lets the holder of an account opened through the API (a post-paid one, which sign-up cannot open)
 * sign in to the pages with a password, as the demo's customer does. Exists only in the test WAR.
 */
@ApplicationScoped
@Path("test-support/web-customers")
public class WebCustomersResource {

  @Inject WebUsers users;

  @POST
  public void allowSignIn(@QueryParam("email") String email, @QueryParam("password") String pw) {
    users.ensureCustomer(email, pw);
  }
}
