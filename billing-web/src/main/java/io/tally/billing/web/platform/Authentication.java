package io.tally.billing.web.platform;

import io.tally.billing.account.ApiKeys;
import io.tally.billing.api.BillingException;
import io.tally.billing.api.Caller;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.audit.CurrentActor;
import io.tally.billing.web.audit.Actors;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.util.Optional;

/**
 * Every API call carries {@code Authorization: Bearer <key>}; without a known key it is a 401. The
 * caller travels in the request's {@link SecurityContext}, which resources read through a proxy, so
 * they can be application-scoped instead of built for every request. A {@link Keyless} method is
 * the one exception: it runs without a caller.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class Authentication implements ContainerRequestFilter {

  private static final String BEARER = "bearer ";

  /**
   * The keys themselves, not the accounts EJB: a known key is a map read, and the EJB's container
   * boundary (interceptors, a transaction check, Weld's business-object lookup) cost more than the
   * read on every API call.
   */
  @Inject ApiKeys keys;

  /** Who the audit names as acting in this request. */
  @Inject CurrentActor actor;

  @Context HttpServletRequest http;

  @Context ResourceInfo resource;

  @Override
  public void filter(ContainerRequestContext request) {
    if (isKeyless(resource)) {
      return;
    }
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      request.abortWith(
          ErrorResponses.of(ErrorCode.UNAUTHENTICATED, "send Authorization: Bearer <key>"));
      return;
    }
    String key = header.substring(BEARER.length()).strip();
    Optional<Caller> caller = keys.authenticate(key);
    if (caller.isEmpty()) {
      request.abortWith(ErrorResponses.of(ErrorCode.UNAUTHENTICATED, "unknown or revoked key"));
      return;
    }
    request.setSecurityContext(new CallerContext(caller.get(), request.getSecurityContext()));
    actor.set(Actors.ofKey(caller.get(), key, http.getRemoteAddr()));
  }

  /** Whether the matched method is {@link Keyless} (false when nothing matched: a 404 or 405). */
  public static boolean isKeyless(ResourceInfo resource) {
    return resource.getResourceMethod() != null
        && resource.getResourceMethod().isAnnotationPresent(Keyless.class);
  }

  /** The caller of the request being served. */
  public static Caller caller(SecurityContext security) {
    return ((CallerContext) security.getUserPrincipal()).caller();
  }

  /** Service keys only: an account key is refused with a 403. */
  public static void requireService(SecurityContext security) {
    if (!caller(security).isService()) {
      throw new BillingException(ErrorCode.FORBIDDEN, "this call needs the service key");
    }
  }

  /** The caller may act on the account; another account's reads as not found. */
  public static void requireAccess(SecurityContext security, long accountId) {
    if (!caller(security).mayActOn(accountId)) {
      throw new BillingException(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + accountId);
    }
  }

  /** The request's security context once its key is known: the principal is the caller. */
  private record CallerContext(Caller caller, SecurityContext transport)
      implements SecurityContext, Principal {

    @Override
    public Principal getUserPrincipal() {
      return this;
    }

    @Override
    public String getName() {
      return caller.isService() ? "service" : "account:" + caller.accountId();
    }

    @Override
    public boolean isUserInRole(String role) {
      return caller.isService() ? "service".equals(role) : "account".equals(role);
    }

    @Override
    public boolean isSecure() {
      return transport != null && transport.isSecure();
    }

    @Override
    public String getAuthenticationScheme() {
      return "Bearer";
    }
  }
}
