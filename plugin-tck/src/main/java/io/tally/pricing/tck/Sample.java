package io.tally.pricing.tck;

import io.tally.pricing.spi.PriceSheet;
import io.tally.pricing.spi.UsageFacts;
import java.util.List;
import java.util.Objects;

/**
 * A price sheet the plugin must accept, with calls it must price. The kit validates the sheet,
 * prices each call (alone, interleaved with others, on eight threads), checks every quote's
 * arithmetic, derives malformed sheets, out-of-bound calls and monotony ladders from it, sends the
 * sheet through JSON and back, and describes it.
 *
 * <p>Give one sample per mode at least, and calls that reach each branch of the formula (defaults,
 * the smallest and largest accepted values, a value that rounds half-up).
 *
 * @param name how failures name this sample ({@code "per_image at $0.003"})
 * @param sheet a sheet that {@code validate} accepts
 * @param calls calls that {@code price} accepts with this sheet; at least one
 */
public record Sample(String name, PriceSheet sheet, List<UsageFacts> calls) {

  public Sample {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sheet, "sheet");
    calls = List.copyOf(calls);
    if (calls.isEmpty()) {
      throw new IllegalArgumentException("sample '" + name + "' needs at least one call");
    }
  }

  /** {@code Sample.of("per_second", sheet, UsageFacts.ofDuration(12_500), …)}. */
  public static Sample of(String name, PriceSheet sheet, UsageFacts... calls) {
    return new Sample(name, sheet, List.of(calls));
  }
}
