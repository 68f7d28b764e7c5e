package io.tally.pricing.tck;

import io.tally.pricing.spi.PriceSheet;
import java.util.Objects;

/**
 * A sheet that {@code validate} must refuse with a {@link io.tally.pricing.spi.PricingException}
 * whose {@code field()} is {@link #field}. The kit derives the common cases itself from {@link
 * io.tally.pricing.spi.PricingPlugin#modes()} (an unknown or missing mode, a required field
 * missing, a negative or non-numeric amount); give here the rules only the plugin knows (a zero
 * base size, two fields that exclude each other).
 *
 * @param field the field the refusal must name ({@code pricing.baseMegapixels})
 * @param sheet the malformed sheet
 */
public record MalformedSheet(String field, PriceSheet sheet) {

  public MalformedSheet {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(sheet, "sheet");
  }

  public static MalformedSheet of(String field, PriceSheet sheet) {
    return new MalformedSheet(field, sheet);
  }
}
