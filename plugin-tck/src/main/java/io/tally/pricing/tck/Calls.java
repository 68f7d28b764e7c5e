package io.tally.pricing.tck;

import io.tally.pricing.spi.UsageFacts;
import java.util.HashMap;
import java.util.Map;

/** Short ways to write a call's usage facts in a plugin's test. */
public final class Calls {

  private Calls() {}

  /**
   * {@code Calls.of("width", 2048, "height", 2048)}: a call with these parameters and no duration.
   * Values go to the plugin as given (an {@code Integer}, a {@code String}, a {@code BigDecimal}),
   * as the server hands over what the caller sent.
   */
  public static UsageFacts of(Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("give names and values in pairs");
    }
    Map<String, Object> parameters = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      parameters.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return new UsageFacts(null, parameters);
  }

  /** A call that ran {@code durationMs} and has {@code namesAndValues} as parameters. */
  public static UsageFacts ofDuration(long durationMs, Object... namesAndValues) {
    return new UsageFacts(durationMs, of(namesAndValues).parameters());
  }
}
