package io.tally.billing.web.platform;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.memory.Buffers;

/**
 * A Grizzly filter, just before Payara's web server filter, that answers the requests the connector
 * would answer itself, before any servlet filter: 405 (with {@code Allow}) to TRACE, TRACK and any
 * method Tally does not serve, and 400 to a request whose path has malformed percent-encoding
 * ({@code %zz}), an encoded NUL, or bytes that are not UTF-8 ({@code %ff}): Payara's connector
 * would answer those an empty 400, or an empty 200 with a stack trace for {@code %zz} ({@code
 * CoyoteAdapter.postParseRequest} catches only the decoder's CharConversionException). Under
 * Tally's {@code /api/v1} the answer is Tally's JSON error; elsewhere plain text. The connection is
 * closed after the answer. Installed by {@link MalformedPaths}.
 */
final class MalformedPathFilter extends BaseFilter {

  /** Every method some resource of Tally takes; which path takes which is Jersey's to say. */
  static final String ALLOW = "GET, HEAD, POST, PUT, DELETE, OPTIONS";

  private final String api;

  /** {@code contextPath}: Tally's, "" at the root. */
  MalformedPathFilter(String contextPath) {
    this.api = contextPath + "/api/v1";
  }

  @Override
  public NextAction handleRead(FilterChainContext ctx) {
    if (!(ctx.getMessage() instanceof HttpContent content)
        || !(content.getHttpHeader() instanceof HttpRequestPacket request)) {
      return ctx.getInvokeAction();
    }
    String target = request.getRequestURI();
    boolean api = target.equals(this.api) || target.startsWith(this.api + "/");
    if (!served(request.getMethod())) {
      return refuse(
          ctx,
          request,
          405,
          api
              ? "{\"error\":\"method_not_allowed\",\"message\":\"this method is not allowed here\"}"
              : "Method not allowed\n",
          api);
    }
    String problem = problem(target);
    if (problem == null) {
      return ctx.getInvokeAction();
    }
    return refuse(
        ctx,
        request,
        400,
        api
            ? "{\"error\":\"bad_request\",\"message\":\"" + problem + "\"}"
            : "Bad request: " + problem + "\n",
        api);
  }

  /**
   * The methods Tally answers. The connector answers the others itself before any servlet filter
   * sees them: TRACE an empty 405, and TRACK or any unknown method a 501 HTML page that names the
   * server. The common methods are compared by identity first (Grizzly interns them).
   */
  static boolean served(Method method) {
    if (method == Method.GET || method == Method.POST) {
      return true;
    }
    return switch (method.getMethodString()) {
      case "GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH" -> true;
      default -> false;
    };
  }

  /** Answers {@code status} with {@code text}, then closes the connection. */
  private static NextAction refuse(
      FilterChainContext ctx, HttpRequestPacket request, int status, String text, boolean api) {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    request.getProcessingState().setKeepAlive(false);
    HttpResponsePacket response = request.getResponse();
    response.setStatus(status);
    if (status == 405) {
      response.setHeader("Allow", ALLOW);
    }
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setContentType(api ? "application/json" : "text/plain;charset=UTF-8");
    response.setContentLength(body.length);
    Connection<?> connection = ctx.getConnection();
    ctx.write(
        HttpContent.builder(response)
            .content(Buffers.wrap(ctx.getMemoryManager(), body))
            .last(true)
            .build(),
        new EmptyCompletionHandler<WriteResult>() {
          @Override
          public void completed(WriteResult result) {
            connection.closeSilently();
          }

          @Override
          public void failed(Throwable error) {
            connection.closeSilently();
          }
        });
    return ctx.getStopAction();
  }

  /** What is wrong with a raw (still encoded) request path, or null when it decodes cleanly. */
  static String problem(String path) {
    if (path == null || path.indexOf('%') < 0) {
      return null;
    }
    ByteBuffer bytes = ByteBuffer.allocate(path.length());
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c != '%') {
        bytes.put((byte) c);
        continue;
      }
      int high = i + 2 < path.length() ? Character.digit(path.charAt(i + 1), 16) : -1;
      int low = high < 0 ? -1 : Character.digit(path.charAt(i + 2), 16);
      if (low < 0) {
        return "malformed percent-encoding in the path";
      }
      if (high == 0 && low == 0) {
        return "the path contains an encoded NUL";
      }
      bytes.put((byte) (high * 16 + low));
      i += 2;
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes.flip());
      return null;
    } catch (CharacterCodingException notUtf8) {
      return "the path is not percent-encoded UTF-8";
    }
  }
}
