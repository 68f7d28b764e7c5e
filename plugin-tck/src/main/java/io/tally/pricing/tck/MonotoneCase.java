package io.tally.pricing.tck;

import io.tally.pricing.spi.PriceSheet;
import io.tally.pricing.spi.UsageFacts;
import java.util.Objects;

/**
 * Two calls where the second uses at least as much as the first, so it must not cost less. The kit
 * walks each call parameter that {@link io.tally.pricing.spi.PricingPlugin#modes()} marks {@link
 * io.tally.pricing.spi.Field#monotone()} from its {@code min} to its {@code max} by itself; give
 * here what one parameter at a time does not cover (a higher resolution tier, two sides at once).
 *
 * @param sheet a valid sheet
 * @param less the call that uses less
 * @param more the call that uses more, whose total must be at least {@code less}'s
 */
public record MonotoneCase(PriceSheet sheet, UsageFacts less, UsageFacts more) {

  public MonotoneCase {
    Objects.requireNonNull(sheet, "sheet");
    Objects.requireNonNull(less, "less");
    Objects.requireNonNull(more, "more");
  }

  public static MonotoneCase of(PriceSheet sheet, UsageFacts less, UsageFacts more) {
    return new MonotoneCase(sheet, less, more);
  }
}
