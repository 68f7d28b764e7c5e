package io.tally.billing.web.support;

import io.tally.billing.web.limit.ApiRateLimit;
import io.tally.billing.web.limit.SignInThrottle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.Duration;

/**
 * Lets a test try a small API rate limit, and forget every count of the abuse limits afterwards:
 * the tests of one class share one server and one client address. Exists only in the test WAR.
 */
@ApplicationScoped
@Path("test-support/limits")
public class LimitsResource {

  @Inject ApiRateLimit rates;

  @Inject SignInThrottle signIns;

  @PUT
  public void use(
      @QueryParam("accountRequests") long accountRequests,
      @QueryParam("serviceRequests") long serviceRequests,
      @QueryParam("periodSeconds") long periodSeconds) {
    rates.use(accountRequests, serviceRequests, Duration.ofSeconds(periodSeconds));
  }

  @DELETE
  public void reset() {
    rates.reset();
    signIns.reset();
  }
}
