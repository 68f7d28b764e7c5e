package io.tally.billing.web.platform;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.platform.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;

/**
 * Refuses a {@code Content-Type} or {@code Accept} header the API cannot use, before Jersey reads
 * it. Left to Jersey, a charset Java does not know ({@code application/json; charset=nonsense})
 * fails while the body is read or the answer written, which answers 500, and a media type that does
 * not parse ({@code application}, an empty one, a quality of {@code q=abc}) answers an HTML 400
 * before any filter or exception mapper of the application runs. So this is a servlet filter, and
 * both get the JSON error: 415 for what the client sent, 406 for what it would accept.
 */
@WebFilter("/api/v1/*")
public class MediaTypeCheck extends HttpFilter {

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String contentType = request.getHeader("Content-Type");
    if (contentType != null && !usable(contentType)) {
      refuse(
          response,
          ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "Content-Type must be a media type such as application/json with a known charset");
      return;
    }
    for (String accept : Collections.list(request.getHeaders("Accept"))) {
      if (!acceptable(accept)) {
        refuse(
            response,
            ErrorCode.NOT_ACCEPTABLE,
            "Accept must list media types with known charsets and qualities from 0 to 1;"
                + " Tally answers application/json");
        return;
      }
    }
    chain.doFilter(request, response);
  }

  private static void refuse(HttpServletResponse response, ErrorCode code, String message)
      throws IOException {
    response.setStatus(code.httpStatus());
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response
        .getWriter()
        .write(Json.write(ErrorResponses.body(new BillingException(code, message))));
  }

  /** One Accept header: media ranges separated by commas; blank means anything. */
  private static boolean acceptable(String header) {
    if (header.isBlank()) {
      return true;
    }
    for (String range : header.split(",")) {
      if (!usable(range) || !quality(range)) {
        return false;
      }
    }
    return true;
  }

  private static boolean usable(String header) {
    try {
      String charset = MediaType.valueOf(header.strip()).getParameters().get("charset");
      return charset == null || Charset.isSupported(charset.strip());
    } catch (RuntimeException unreadable) {
      // IllegalArgumentException for the type, IllegalCharsetNameException for the charset
      return false;
    }
  }

  /** A {@code q} parameter, where there is one, is a number from 0 to 1. */
  private static boolean quality(String range) {
    String q = MediaType.valueOf(range.strip()).getParameters().get("q");
    if (q == null) {
      return true;
    }
    try {
      BigDecimal value = new BigDecimal(q.strip());
      return value.signum() >= 0 && value.compareTo(BigDecimal.ONE) <= 0;
    } catch (NumberFormatException notANumber) {
      return false;
    }
  }
}
