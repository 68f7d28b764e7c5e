package io.tally.billing.web.platform;

import io.tally.billing.api.AccountService;
import io.tally.billing.api.BillingException;
import io.tally.billing.api.Caller;
import io.tally.billing.api.ErrorCode;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;

/** Every API call carries {@code Authorization: Bearer <key>}; without a known key it is a 401. */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class Authentication implements ContainerRequestFilter {

  static final String CALLER = "io.tally.caller";
  private static final String BEARER = "bearer ";

  @Inject AccountService accounts;

  @Override
  public void filter(ContainerRequestContext request) {
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      request.abortWith(
          ErrorResponses.of(ErrorCode.UNAUTHENTICATED, "send Authorization: Bearer <key>"));
      return;
    }
    Optional<Caller> caller = accounts.authenticate(header.substring(BEARER.length()).strip());
    if (caller.isEmpty()) {
      request.abortWith(ErrorResponses.of(ErrorCode.UNAUTHENTICATED, "unknown or revoked key"));
      return;
    }
    request.setProperty(CALLER, caller.get());
  }

  /** The caller of the request being served. */
  public static Caller caller(ContainerRequestContext request) {
    return (Caller) request.getProperty(CALLER);
  }

  /** Service keys only: an account key is refused with a 403. */
  public static void requireService(ContainerRequestContext request) {
    if (!caller(request).isService()) {
      throw new BillingException(ErrorCode.FORBIDDEN, "this call needs the service key");
    }
  }

  /** The caller may act on the account; another account's reads as not found. */
  public static void requireAccess(ContainerRequestContext request, long accountId) {
    if (!caller(request).mayActOn(accountId)) {
      throw new BillingException(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + accountId);
    }
  }
}
