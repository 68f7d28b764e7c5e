package io.tally.billing.web.audit;

import io.tally.billing.audit.CurrentActor;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Locale;

/**
 * Names the signed-in person as the actor of a page request, so the services the page beans call
 * audit who acted without a parameter for it. The sign-in mechanism has run before any filter.
 */
@WebFilter(urlPatterns = {"/account/*", "/admin/*"})
public class PageActorFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Inject transient CurrentActor actor;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Principal user = request.getUserPrincipal();
    if (user != null) {
      actor.set(
          Actors.ofUser(
              user.getName().toLowerCase(Locale.ROOT),
              request.isUserInRole("admin"),
              request.getRemoteAddr()));
    }
    chain.doFilter(request, response);
  }
}
