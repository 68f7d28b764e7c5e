package io.tally.billing.web.platform;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.platform.Outages;
import jakarta.ejb.EJBException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every exception into the JSON error shape. Client mistakes answer 4xx; a fault of the
 * database answers 503 with {@code Retry-After}; anything else is logged and answers a 500 with no
 * stack trace.
 */
public final class ErrorMappers {

  private static final Logger LOG = Logger.getLogger(ErrorMappers.class.getName());

  private ErrorMappers() {}

  /** A refusal the services raised on purpose. */
  @Provider
  public static class Billing implements ExceptionMapper<BillingException> {
    @Override
    public Response toResponse(BillingException e) {
      if (e.code().httpStatus() >= 500 && Outages.isOutage(e)) {
        return Unavailable.response(e);
      }
      // A plugin's failure was logged, with the plugin's own stack, where it was counted.
      if (e.code().httpStatus() >= 500 && e.code() != ErrorCode.PRICING_FAILED) {
        LOG.log(Level.SEVERE, e.getMessage(), e);
      }
      return ErrorResponses.of(e);
    }
  }

  /** An EJB wraps what it did not declare; the cause decides the answer. */
  @Provider
  public static class Ejb implements ExceptionMapper<EJBException> {
    @Override
    public Response toResponse(EJBException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof BillingException billing) {
          return new Billing().toResponse(billing);
        }
      }
      return unexpected(e);
    }
  }

  /** The framework's own refusals: unknown path, wrong method or media type. */
  @Provider
  public static class Web implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
      // A path parameter that does not convert (accounts/abc) is the framework's 404 too.
      if (e instanceof NotFoundException || e.getResponse().getStatus() == 404) {
        return ErrorResponses.of(ErrorCode.NOT_FOUND, "no such resource");
      }
      if (e instanceof NotAllowedException) {
        // The methods the path does take travel in Allow, as HTTP asks of a 405.
        return Response.fromResponse(
                ErrorResponses.of(ErrorCode.METHOD_NOT_ALLOWED, "this method is not allowed here"))
            .allow(e.getResponse().getAllowedMethods())
            .build();
      }
      if (e instanceof NotSupportedException) {
        return ErrorResponses.of(
            ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json");
      }
      if (e instanceof NotAcceptableException) {
        return ErrorResponses.of(ErrorCode.NOT_ACCEPTABLE, "Tally answers application/json");
      }
      if (e.getResponse().getStatus() < 500) {
        return ErrorResponses.of(ErrorCode.BAD_REQUEST, "the request could not be read");
      }
      return unexpected(e);
    }
  }

  /** Anything else is Tally's fault. */
  @Provider
  public static class Unexpected implements ExceptionMapper<Throwable> {
    @Override
    public Response toResponse(Throwable e) {
      return unexpected(e);
    }
  }

  static Response unexpected(Throwable e) {
    if (Outages.isOutage(e)) {
      return Unavailable.response(e);
    }
    if (namesUnknownCharset(e)) {
      return ErrorResponses.of(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE, "the request names a charset Tally cannot read");
    }
    LOG.log(Level.SEVERE, "unexpected error", e);
    return ErrorResponses.of(ErrorCode.INTERNAL_ERROR, "internal error; it has been logged");
  }

  /**
   * A charset only comes from the client's headers. {@code MediaTypeCheck} refuses an unknown one
   * before Jersey runs, but Jersey may still meet one it parsed differently while reading a body.
   */
  private static boolean namesUnknownCharset(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof UnsupportedCharsetException
          || cause instanceof IllegalCharsetNameException) {
        return true;
      }
    }
    return false;
  }
}
