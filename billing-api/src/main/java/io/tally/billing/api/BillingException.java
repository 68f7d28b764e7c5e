package io.tally.billing.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request Tally refuses. It carries the error code, the field at fault where one is, and any
 * details the caller needs (an out-of-credits refusal carries {@code balance} and {@code
 * required}). Thrown anywhere, it rolls back the transaction and reaches the caller as {@code
 * {"error", "message", "field"?, ...details}}.
 */
public class BillingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final String field;
  private final Map<String, Object> details;

  public BillingException(ErrorCode code, String message) {
    this(code, message, null, Map.of());
  }

  public BillingException(ErrorCode code, String message, String field) {
    this(code, message, field, Map.of());
  }

  public BillingException(
      ErrorCode code, String message, String field, Map<String, Object> details) {
    super(message);
    this.code = code;
    this.field = field;
    this.details = new LinkedHashMap<>(details);
  }

  public static BillingException invalid(String field, String message) {
    return new BillingException(ErrorCode.INVALID_FIELD, message, field);
  }

  public static BillingException missing(String field) {
    return new BillingException(ErrorCode.MISSING_FIELD, field + " is required", field);
  }

  public ErrorCode code() {
    return code;
  }

  /** The input at fault, or {@code null}. */
  public String field() {
    return field;
  }

  public Map<String, Object> details() {
    return Map.copyOf(details);
  }
}
