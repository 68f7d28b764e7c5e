package io.tally.billing.web.limit;

import io.tally.billing.api.ErrorCode;
import io.tally.billing.metrics.BusinessMetrics;
import io.tally.billing.web.platform.Authentication;
import io.tally.billing.web.platform.ErrorResponses;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses an API call past its caller's rate with {@code 429 rate_limited} and {@code Retry-After}
 * (whole seconds, rounded up). It runs right after {@link Authentication}, which has named the
 * caller; a request without a known key never gets this far, except to a keyless read, which is
 * counted by its client address.
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 50)
public class RateLimitFilter implements ContainerRequestFilter {

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  @Inject ApiRateLimit limit;

  @Inject BusinessMetrics metrics;

  @Context ResourceInfo resource;

  @Context HttpServletRequest http;

  @Override
  public void filter(ContainerRequestContext request) {
    long waitNanos =
        Authentication.isKeyless(resource)
            ? limit.takeAnonymous(http.getRemoteAddr())
            : limit.take(Authentication.caller(request.getSecurityContext()));
    if (waitNanos > 0) {
      long seconds = (waitNanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
      Response refused = ErrorResponses.of(ErrorCode.RATE_LIMITED, tooMany(seconds));
      request.abortWith(
          Response.fromResponse(refused).header(HttpHeaders.RETRY_AFTER, seconds).build());
      if (isUsage(request)) {
        // A usage report refused here never reaches charging, which counts the other refusals.
        metrics.refused(ErrorCode.RATE_LIMITED);
      }
    }
  }

  private static boolean isUsage(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    return path.startsWith("usage") || path.startsWith("/usage");
  }

  private static String tooMany(long seconds) {
    return "too many requests with this key; retry in " + seconds + " s";
  }
}
