package io.tally.billing.web.limit;

import io.tally.billing.api.ErrorCode;
import io.tally.billing.web.platform.ErrorResponses;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses an API request body larger than {@code tally.api.max-body-bytes} with {@code 413
 * payload_too_large}: at once when its {@code Content-Length} says so, and as soon as a chunked
 * body passes the limit while it is read, so no request makes the server hold more than that.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class BodyLimit implements ContainerRequestFilter {

  @Inject
  @ConfigProperty(name = "tally.api.max-body-bytes", defaultValue = "1048576")
  long maxBytes;

  @Override
  public void filter(ContainerRequestContext request) {
    if (declaredLength(request) > maxBytes) {
      request.abortWith(tooLarge(maxBytes).getResponse());
      return;
    }
    if (request.hasEntity()) {
      request.setEntityStream(new Capped(request.getEntityStream(), maxBytes));
    }
  }

  private static long declaredLength(ContainerRequestContext request) {
    String header = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
    if (header == null) {
      return -1;
    }
    try {
      return Long.parseLong(header.strip());
    } catch (NumberFormatException unreadable) {
      return -1; // the container refuses a malformed length before this runs
    }
  }

  static WebApplicationException tooLarge(long maxBytes) {
    // An exception that carries its answer: JAX-RS sends it as is, without an exception mapper.
    return new WebApplicationException(
        ErrorResponses.of(
            ErrorCode.PAYLOAD_TOO_LARGE, "the request body is larger than " + maxBytes + " bytes"));
  }

  /** A body stream that fails once more than {@code max} bytes have been read from it. */
  private static final class Capped extends FilterInputStream {

    private final long max;
    private long read;

    Capped(InputStream in, long max) {
      super(in);
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count(skipped);
      return skipped;
    }

    private void count(long bytes) {
      read += bytes;
      if (read > max) {
        throw tooLarge(max);
      }
    }
  }
}
