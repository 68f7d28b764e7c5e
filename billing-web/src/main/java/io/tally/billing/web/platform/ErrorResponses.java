package io.tally.billing.web.platform;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.ErrorCode;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one shape of every error Tally answers: {@code {"error", "message", "field"?, ...}}. */
public final class ErrorResponses {

  private ErrorResponses() {}

  public static Map<String, Object> body(BillingException e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", e.code().code());
    body.put("message", e.getMessage());
    if (e.field() != null) {
      body.put("field", e.field());
    }
    e.details().forEach(body::putIfAbsent);
    return body;
  }

  public static Response of(BillingException e) {
    Response.ResponseBuilder response =
        Response.status(e.code().httpStatus())
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(body(e));
    if (e.code() == ErrorCode.UNAUTHENTICATED) {
      response.header("WWW-Authenticate", "Bearer");
    }
    if (e.code().httpStatus() == 503) {
      // Every 503 says when to come back, as the database's does (Unavailable).
      response.header("Retry-After", Unavailable.retryAfterSeconds());
    }
    return response.build();
  }

  public static Response of(ErrorCode code, String message) {
    return of(new BillingException(code, message));
  }
}
