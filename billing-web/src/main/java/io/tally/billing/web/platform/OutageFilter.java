package io.tally.billing.web.platform;

import io.tally.billing.platform.Outages;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Pages and servlets answer a fault of the database as the API does: 503 with {@code Retry-After}
 * (the page {@code unavailable.xhtml}, through the error page of web.xml), not the 500 page. The
 * API's faults never reach here: its exception mappers answer them.
 */
@WebFilter(filterName = "outages", urlPatterns = "/*")
public class OutageFilter extends HttpFilter {

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    try {
      chain.doFilter(request, response);
    } catch (IOException | ServletException | RuntimeException thrown) {
      if (response.isCommitted() || !Outages.isOutage(thrown)) {
        throw thrown;
      }
      Unavailable.log(thrown);
      response.setHeader("Retry-After", Long.toString(Unavailable.retryAfterSeconds()));
      response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    }
  }
}
