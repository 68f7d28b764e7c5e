package io.tally.billing.web.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads query and form parameters as UTF-8, whatever charset the request claims. The pages only
 * ever send UTF-8, and a claimed {@code charset=utf-16} made the container decode {@code %ff} in a
 * query as UTF-16, which throws inside Faces (even while rendering the 404 page) and answered 500.
 * The API reads its JSON bodies by the Content-Type's charset, which this does not change.
 */
@WebFilter("/*")
public class Utf8Parameters extends HttpFilter {

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String declared = request.getCharacterEncoding();
    if (declared != null && !declared.equalsIgnoreCase(StandardCharsets.UTF_8.name())) {
      request.setCharacterEncoding(StandardCharsets.UTF_8.name());
    }
    chain.doFilter(request, response);
  }
}
