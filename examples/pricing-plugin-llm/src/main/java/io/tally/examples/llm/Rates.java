package io.tally.examples.llm;

import io.tally.pricing.spi.PriceSheet;
import io.tally.pricing.spi.PricingException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code per_token} sheet read and checked: US dollars per million tokens.
 *
 * @param input uncached input tokens ({@code inputPerMillion}, required)
 * @param cachedInput cached input tokens ({@code cachedInputPerMillion}, optional: the input rate)
 * @param longContextInput input tokens beyond {@link LlmPricing#LONG_CONTEXT_TOKENS} in one call
 *     ({@code longContextInputPerMillion}, optional: twice the input rate; since 2.0.0)
 * @param output output tokens ({@code outputPerMillion}, required)
 */
record Rates(
    BigDecimal input, BigDecimal cachedInput, BigDecimal longContextInput, BigDecimal output) {

  static final String INPUT = "inputPerMillion";
  static final String CACHED_INPUT = "cachedInputPerMillion";
  static final String LONG_CONTEXT_INPUT = "longContextInputPerMillion";
  static final String OUTPUT = "outputPerMillion";

  private static final BigDecimal LONG_CONTEXT_FACTOR = BigDecimal.valueOf(2);

  /**
   * Reads a sheet as {@code release} understands it. A field the release does not know is refused
   * by name rather than ignored: a misspelt {@code inputPerMilion} would otherwise price every call
   * at a default nobody chose.
   */
  static Rates of(PriceSheet sheet, Release release) {
    sheet.requireMode(LlmPricing.PER_TOKEN);
    List<String> known = fields(release);
    for (String name : sheet.values().keySet()) {
      if (!known.contains(name)) {
        throw new PricingException(
            "pricing." + name,
            "pricing."
                + name
                + " is not a field of mode "
                + LlmPricing.PER_TOKEN
                + " in release "
                + release.version()
                + "; its fields are "
                + String.join(", ", known));
      }
    }
    BigDecimal input = sheet.decimal(INPUT);
    return new Rates(
        input,
        sheet.decimalOr(CACHED_INPUT, input),
        sheet.decimalOr(LONG_CONTEXT_INPUT, input.multiply(LONG_CONTEXT_FACTOR)),
        sheet.decimal(OUTPUT));
  }

  /** The sheet fields {@code release} reads, besides {@code mode}. */
  static List<String> fields(Release release) {
    List<String> fields = new ArrayList<>(List.of(INPUT, CACHED_INPUT, OUTPUT));
    if (release.hasLongContextRule()) {
      fields.add(LONG_CONTEXT_INPUT);
    }
    return List.copyOf(fields);
  }
}
