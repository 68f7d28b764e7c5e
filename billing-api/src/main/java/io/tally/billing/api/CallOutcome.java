package io.tally.billing.api;

import java.util.Arrays;
import java.util.Locale;

/**
 * How a model call ended, as the gateway reports it. A failed call is recorded and charged what its
 * price version's {@link FailedCallPrice} says: nothing unless the version sets one.
 */
public enum CallOutcome {
  SUCCEEDED,
  FAILED;

  /** The name on the wire: {@code "succeeded"} or {@code "failed"}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The outcome a wire name names, or a 400 naming {@code field}. */
  public static CallOutcome ofWire(String value, String field) {
    return Arrays.stream(values())
        .filter(outcome -> outcome.wire().equals(value))
        .findFirst()
        .orElseThrow(
            () -> BillingException.invalid(field, field + " must be \"succeeded\" or \"failed\""));
  }
}
