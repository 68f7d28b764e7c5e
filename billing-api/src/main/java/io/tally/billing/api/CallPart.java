package io.tally.billing.api;

import java.util.Map;

/** One model call: the model, its duration where it has one, and its parameters. */
public record CallPart(String model, Long durationMs, Map<String, Object> parameters) {

  public CallPart {
    parameters = parameters == null ? Map.of() : parameters;
  }
}
