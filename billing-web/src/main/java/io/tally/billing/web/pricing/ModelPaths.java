package io.tally.billing.web.pricing;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The public model pages' addresses: {@code /models} is the catalog page and {@code /models/<id>} a
 * model's page ({@code /model.xhtml?id=<id>}), forwarded inside the server so the address the
 * visitor sees and shares stays the short one. Anything else under {@code /models/} is not found.
 */
@WebFilter(urlPatterns = {"/models", "/models/*"})
public class ModelPaths extends HttpFilter {

  private static final long serialVersionUID = 1L;

  /** A model id as the catalog allows it. */
  private static final Pattern MODEL = Pattern.compile("/([a-z0-9][a-z0-9._-]{0,99})");

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    // A filter's own pattern sets no path info: the path is read from the raw URI, undecoded, so
    // an id with anything encoded in it matches no model.
    String rest = request.getRequestURI().substring(request.getContextPath().length() + 7);
    if (rest.isEmpty() || rest.equals("/")) {
      forward(request, response, "/models.xhtml");
      return;
    }
    Matcher model = MODEL.matcher(rest);
    if (!model.matches()) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    forward(request, response, "/model.xhtml?id=" + model.group(1));
  }

  private static void forward(HttpServletRequest request, HttpServletResponse response, String to)
      throws IOException, ServletException {
    request.getRequestDispatcher(to).forward(request, response);
  }
}
