package io.tally.billing.web.platform;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;

/**
 * The headers every answer carries: no content sniffing, no referrer sent to other sites, no
 * framing by other sites, and a Content-Security-Policy that lets a page load only Tally's own
 * resources. The API's JSON needs nothing at all ({@code default-src 'none'}).
 *
 * <p>Pages run scripts, so theirs is {@link #PAGE_POLICY}, the same text that web.xml gives
 * PrimeFaces ({@code primefaces.CSP_POLICY}): PrimeFaces renders its scripts with a fresh nonce and
 * sends the policy with that nonce added to {@code script-src}, which replaces the one set here
 * (two policies would both apply, and the one without the nonce would block the page's scripts).
 * Styles allow {@code 'unsafe-inline'} because PrimeFaces' components write style attributes;
 * scripts never do.
 */
@WebFilter(
    filterName = "SecurityHeaders",
    urlPatterns = "/*",
    asyncSupported = true,
    dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.ERROR})
public class SecurityHeaders extends HttpFilter {

  static final String CSP = "Content-Security-Policy";

  /**
   * Pages: keep in step with {@code primefaces.CSP_POLICY} in web.xml (it must end in script-src).
   */
  static final String PAGE_POLICY =
      "default-src 'self'; img-src 'self' data:; font-src 'self' data:;"
          + " style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self';"
          + " form-action 'self'; frame-ancestors 'none'; script-src 'self'";

  static final String API_POLICY =
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "same-origin");
    response.setHeader("X-Frame-Options", "DENY");
    boolean api = request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    response.setHeader(CSP, api ? API_POLICY : PAGE_POLICY);
    chain.doFilter(request, new OnePolicy(response));
  }

  /** Lets a later policy (PrimeFaces', with its nonce) replace this filter's instead of adding. */
  private static final class OnePolicy extends HttpServletResponseWrapper {

    OnePolicy(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void addHeader(String name, String value) {
      if (CSP.equalsIgnoreCase(name)) {
        super.setHeader(name, value);
      } else {
        super.addHeader(name, value);
      }
    }
  }
}
