package io.tally.billing.api;

/**
 * Every error Tally answers, with its number, HTTP status and the code callers match on.
 *
 * <p>Numbers are grouped by feature: 1000 requests, 1100 authentication, 2000 accounts, 3000
 * catalog and pricing, 4000 ledger and charging, 5000 payments, 6000 plans and subscriptions, 7000
 * invoices and fine-tuning jobs, 8000 notifications, 9000 people signing in to the pages and their
 * keys. A unit test keeps numbers and codes unique.
 */
public enum ErrorCode {
  MALFORMED_JSON(1000, 400, "malformed_json"),
  INVALID_FIELD(1001, 400, "invalid_field"),
  MISSING_FIELD(1002, 400, "missing_field"),
  UNKNOWN_FIELD(1003, 400, "unknown_field"),
  UNSUPPORTED_MEDIA_TYPE(1004, 415, "unsupported_media_type"),
  NOT_FOUND(1005, 404, "not_found"),
  METHOD_NOT_ALLOWED(1006, 405, "method_not_allowed"),
  NOT_ACCEPTABLE(1007, 406, "not_acceptable"),
  IDEMPOTENCY_KEY_REQUIRED(1008, 400, "idempotency_key_required"),
  IDEMPOTENCY_KEY_REUSED(1009, 422, "idempotency_key_reused"),
  BAD_REQUEST(1010, 400, "bad_request"),
  CONFLICT(1011, 409, "conflict"),
  /** The database is unreachable, out of connections or too slow; the answer says when to retry. */
  SERVICE_UNAVAILABLE(1020, 503, "service_unavailable"),
  /** The caller sent more requests than its key's rate allows; {@code Retry-After} says when. */
  RATE_LIMITED(1030, 429, "rate_limited"),
  PAYLOAD_TOO_LARGE(1031, 413, "payload_too_large"),
  INTERNAL_ERROR(1099, 500, "internal_error"),

  UNAUTHENTICATED(1100, 401, "unauthenticated"),
  FORBIDDEN(1101, 403, "forbidden"),

  ACCOUNT_NOT_FOUND(2000, 404, "account_not_found"),
  EMAIL_TAKEN(2001, 409, "email_taken"),

  MODEL_NOT_FOUND(3000, 404, "model_not_found"),
  INVALID_PRICE_SHEET(3001, 400, "invalid_price_sheet"),
  INVALID_PARAMETER(3002, 400, "invalid_parameter"),
  UNKNOWN_FAMILY(3003, 400, "unknown_family"),
  NO_PRICE_IN_FORCE(3004, 400, "no_price_in_force"),
  /**
   * A pricing plugin failed at run time: it threw, or answered a quote the server refuses. The
   * answer names the {@code plugin}; nothing was charged. A bad gateway, since the fault is in the
   * plugin the server relies on, not in the caller's request.
   */
  PRICING_FAILED(3006, 502, "pricing_failed"),
  /**
   * No plugin is loaded for the model's family (its jar is missing from the plugin directory, or
   * was refused at load). The directory is watched, so the same request succeeds once the jar is in
   * place: a 503 with {@code Retry-After}, not a client error.
   */
  PLUGIN_UNAVAILABLE(3007, 503, "plugin_unavailable"),

  OUT_OF_CREDITS(4000, 402, "out_of_credits"),
  CREDIT_LIMIT_EXCEEDED(4001, 402, "credit_limit_exceeded"),
  AUTHORIZATION_NOT_FOUND(4002, 404, "authorization_not_found"),
  INSUFFICIENT_BALANCE(4003, 409, "insufficient_balance"),
  /** The call would take the account's or the key's month-to-date spend past its limit. */
  SPEND_LIMIT_REACHED(4004, 402, "spend_limit_reached"),

  /** The card was refused; {@code declineCode} in the answer carries a processor's other codes. */
  CARD_DECLINED(5000, 402, "card_declined"),
  INSUFFICIENT_FUNDS(5001, 402, "insufficient_funds"),
  INVALID_PAYMENT_METHOD(5002, 402, "invalid_payment_method"),
  /** The processor failed or did not answer in time; nothing was credited. */
  PROCESSOR_UNAVAILABLE(5003, 502, "processor_unavailable"),
  /** A recharge with this Idempotency-Key is still being paid; retrying later answers it. */
  RECHARGE_IN_PROGRESS(5004, 409, "recharge_in_progress"),

  UNKNOWN_PLAN(6000, 400, "unknown_plan"),
  SUBSCRIPTION_NOT_FOUND(6001, 404, "subscription_not_found"),
  CONTACT_SALES(6002, 422, "contact_sales"),
  FAIR_USE_LIMIT_REACHED(6003, 429, "fair_use_limit_reached"),
  /** The plan's workflow runs through the API for this period are used up. */
  WORKFLOW_QUOTA_REACHED(6004, 429, "workflow_quota_reached"),

  INVOICE_NOT_FOUND(7000, 404, "invoice_not_found"),
  INVOICE_ALREADY_PAID(7001, 409, "invoice_already_paid"),
  INVOICE_PAYMENT_DECLINED(7002, 402, "invoice_payment_declined"),
  INVOICE_PAYMENT_FAILED(7003, 502, "invoice_payment_failed"),
  /** A card payment of the invoice is pending under another Idempotency-Key; retry that key. */
  INVOICE_PAYMENT_PENDING(7004, 409, "invoice_payment_pending"),
  CHARGE_NOT_FOUND(7100, 404, "charge_not_found"),
  /** The refund would take the charge's refunds past what it cost (or it is refunded in full). */
  REFUND_EXCEEDS_CHARGE(7101, 409, "refund_exceeds_charge"),
  FINE_TUNE_NOT_FOUND(7050, 404, "fine_tune_not_found"),
  FINE_TUNE_NOT_RUNNING(7051, 409, "fine_tune_not_running"),
  NOT_A_FINE_TUNE_MODEL(7052, 400, "not_a_finetune_model"),

  WEBHOOK_NOT_FOUND(8000, 404, "webhook_not_found"),

  WEAK_PASSWORD(9000, 400, "weak_password"),
  API_KEY_NOT_FOUND(9001, 404, "api_key_not_found");

  private final int number;
  private final int httpStatus;
  private final String code;

  ErrorCode(int number, int httpStatus, String code) {
    this.number = number;
    this.httpStatus = httpStatus;
    this.code = code;
  }

  public int number() {
    return number;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** The stable text callers match on, as in {@code {"error": "out_of_credits"}}. */
  public String code() {
    return code;
  }
}
