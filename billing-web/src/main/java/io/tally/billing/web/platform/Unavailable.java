package io.tally.billing.web.platform;

import io.tally.billing.api.ErrorCode;
import jakarta.ws.rs.core.Response;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The answer to a fault of the database ({@link io.tally.billing.platform.Outages}): {@code 503
 * service_unavailable} with {@code Retry-After}. Nothing was written (the transaction rolled back),
 * so the caller retries the same request, with the same {@code requestId} or {@code
 * Idempotency-Key}.
 */
public final class Unavailable {

  public static final String MESSAGE =
      "the service is briefly unavailable; nothing was changed, retry the same request later";

  private static final Logger LOG = Logger.getLogger(Unavailable.class.getName());

  private Unavailable() {}

  public static Response response(Throwable fault) {
    log(fault);
    // ErrorResponses adds Retry-After to every 503.
    return ErrorResponses.of(ErrorCode.SERVICE_UNAVAILABLE, MESSAGE);
  }

  /** One line per fault: an outage fails every request, and a stack trace each would drown it. */
  public static void log(Throwable fault) {
    LOG.log(Level.WARNING, "database unavailable: {0}", rootMessage(fault));
  }

  public static long retryAfterSeconds() {
    return ConfigProvider.getConfig()
        .getOptionalValue("tally.unavailable.retry-after-seconds", Long.class)
        .orElse(5L);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
