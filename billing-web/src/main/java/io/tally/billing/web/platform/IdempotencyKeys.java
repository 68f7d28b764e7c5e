package io.tally.billing.web.platform;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.ErrorCode;

/** The header that makes a money-moving request safe to retry. */
public final class IdempotencyKeys {

  private IdempotencyKeys() {}

  /** The stripped key, or a 400 when it is missing or too long. */
  public static String require(String key) {
    if (key == null || key.isBlank()) {
      throw new BillingException(
          ErrorCode.IDEMPOTENCY_KEY_REQUIRED,
          "send an Idempotency-Key header so a retry cannot move money twice",
          "Idempotency-Key");
    }
    return optional(key);
  }

  /** The stripped key, or null when none was sent. */
  public static String optional(String key) {
    if (key == null || key.isBlank()) {
      return null;
    }
    if (key.strip().length() > 200) {
      throw BillingException.invalid(
          "Idempotency-Key", "Idempotency-Key must be at most 200 characters");
    }
    return key.strip();
  }
}
