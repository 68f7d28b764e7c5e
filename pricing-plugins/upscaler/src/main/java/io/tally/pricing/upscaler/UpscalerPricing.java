package io.tally.pricing.upscaler;

import io.tally.pricing.spi.Field;
import io.tally.pricing.spi.Formulas;
import io.tally.pricing.spi.LineItem;
import io.tally.pricing.spi.Mode;
import io.tally.pricing.spi.PriceSheet;
import io.tally.pricing.spi.PricingPlugin;
import io.tally.pricing.spi.Quote;
import io.tally.pricing.spi.UsageFacts;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * Prices upscaling. Mode {@code per_output_megapixel} charges {@code pricePerMegapixel} for each
 * megapixel of the upscaled output, since that is what the work grows with; the caller must state
 * the output size. Mode {@code per_second} charges GPU time.
 */
public final class UpscalerPricing implements PricingPlugin {

  static final String FAMILY = "upscaler";
  static final String PER_OUTPUT_MEGAPIXEL = "per_output_megapixel";

  @Override
  public String id() {
    return FAMILY;
  }

  @Override
  public String version() {
    return "1.0.0";
  }

  @Override
  public String spiVersion() {
    return SPI_VERSION;
  }

  @Override
  public Set<String> families() {
    return Set.of(FAMILY);
  }

  @Override
  public void validate(PriceSheet sheet) {
    if (isPerOutputMegapixel(sheet)) {
      sheet.decimal("pricePerMegapixel");
    } else {
      Formulas.validatePerSecond(sheet);
    }
  }

  @Override
  public Quote price(PriceSheet sheet, UsageFacts usage) {
    return Quote.of(
        isPerOutputMegapixel(sheet)
            ? perOutputMegapixel(sheet, usage)
            : Formulas.perSecond(sheet, usage));
  }

  @Override
  public List<String> describe(PriceSheet sheet) {
    if (!isPerOutputMegapixel(sheet)) {
      return List.of(Formulas.describePerSecond(sheet, "GPU time"));
    }
    return List.of(
        Formulas.dollars(sheet.decimal("pricePerMegapixel")) + " per megapixel of upscaled output");
  }

  @Override
  public List<Mode> modes() {
    return List.of(
        new Mode(
            PER_OUTPUT_MEGAPIXEL,
            "A price per megapixel of the upscaled output",
            List.of(
                Field.amount(
                    "pricePerMegapixel", "USD per megapixel", "The price of a million pixels")),
            List.of(
                Formulas.dimension("outputWidth", true, "Width of the upscaled output"),
                Formulas.dimension("outputHeight", true, "Height of the upscaled output"))),
        Formulas.perSecondMode("GPU time"));
  }

  /** Refuses any mode but the two this family knows. */
  private static boolean isPerOutputMegapixel(PriceSheet sheet) {
    sheet.requireMode(PER_OUTPUT_MEGAPIXEL, Formulas.PER_SECOND);
    return PER_OUTPUT_MEGAPIXEL.equals(sheet.mode());
  }

  private static LineItem perOutputMegapixel(PriceSheet sheet, UsageFacts usage) {
    BigDecimal pricePerMegapixel = sheet.decimal("pricePerMegapixel");
    long width = usage.integer("outputWidth", Formulas.MIN_DIMENSION, Formulas.MAX_DIMENSION);
    long height = usage.integer("outputHeight", Formulas.MIN_DIMENSION, Formulas.MAX_DIMENSION);
    BigDecimal megapixels = Formulas.megapixels(width, height);
    String description =
        "upscaled to " + width + "x" + height + " (" + Formulas.plain(megapixels) + " MP)";
    return LineItem.of(description, megapixels, "megapixel", pricePerMegapixel);
  }
}
