package io.tally.billing.api;

import java.util.Map;

/**
 * One model call: the model, its duration where it has one, and its parameters; for a usage event
 * also how it ended and the time it waited before running. {@code durationMs} is the GPU time the
 * call ran, the only time pricing sees; {@code queueMs} (waiting for a GPU) and {@code coldStartMs}
 * (loading the model onto it) are recorded and never billed.
 */
public record CallPart(
    String model,
    Long durationMs,
    Map<String, Object> parameters,
    CallOutcome outcome,
    long queueMs,
    long coldStartMs) {

  /** The most a call may wait in a queue or a cold start: a day, as for {@code durationMs}. */
  public static final long MAX_WAIT_MS = 86_400_000L;

  public CallPart {
    parameters = parameters == null ? Map.of() : parameters;
    outcome = outcome == null ? CallOutcome.SUCCEEDED : outcome;
  }

  /** A call to price or hold: it has not run, so it has no outcome and waited for nothing. */
  public CallPart(String model, Long durationMs, Map<String, Object> parameters) {
    this(model, durationMs, parameters, CallOutcome.SUCCEEDED, 0, 0);
  }

  public boolean failed() {
    return outcome == CallOutcome.FAILED;
  }
}
