package io.tally.pricing.image;

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
 * Prices image generation. Mode {@code per_image} charges {@code pricePerImage} per image, and an
 * image larger than the sheet's base size (1024×1024 unless it says otherwise) as that many
 * base-size images, so a 2048×2048 image costs four; a smaller one still costs one. Mode {@code
 * per_second} charges GPU time.
 */
public final class ImagePricing implements PricingPlugin {

  static final String FAMILY = "image";
  static final String PER_IMAGE = "per_image";

  private static final long DEFAULT_SIDE = 1024;
  private static final long DEFAULT_IMAGES = 1;
  private static final long MAX_IMAGES = 16;

  @Override
  public String id() {
    return FAMILY;
  }

  /** 1.1.0: the default base is 1024×1024 pixels, where 1.0.0 took one million. */
  @Override
  public String version() {
    return "1.1.0";
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
    if (isPerImage(sheet)) {
      sheet.decimal("pricePerImage");
      BaseSize.of(sheet);
    } else {
      Formulas.validatePerSecond(sheet);
    }
  }

  @Override
  public Quote price(PriceSheet sheet, UsageFacts usage) {
    return Quote.of(isPerImage(sheet) ? perImage(sheet, usage) : Formulas.perSecond(sheet, usage));
  }

  @Override
  public List<String> describe(PriceSheet sheet) {
    if (!isPerImage(sheet)) {
      return List.of(Formulas.describePerSecond(sheet, "GPU time"));
    }
    return List.of(
        Formulas.dollars(sheet.decimal("pricePerImage"))
            + " per image up to "
            + BaseSize.of(sheet)
            + ", more for larger images");
  }

  @Override
  public List<Mode> modes() {
    return List.of(
        new Mode(
            PER_IMAGE,
            "A price per image, more for images larger than the base size",
            List.of(
                Field.amount("pricePerImage", "USD per image", "The price of one base-size image"),
                BaseSize.PIXELS_FIELD,
                BaseSize.MEGAPIXELS_FIELD),
            List.of(
                Formulas.dimension("width", false, "Image width, 1024 unless given"),
                Formulas.dimension("height", false, "Image height, 1024 unless given"),
                Field.integer(
                        "numImages", "images", 1, MAX_IMAGES, false, "Images made, 1 unless given")
                    .asMonotone())),
        Formulas.perSecondMode("GPU time"));
  }

  /** Refuses any mode but the two this family knows. */
  private static boolean isPerImage(PriceSheet sheet) {
    sheet.requireMode(PER_IMAGE, Formulas.PER_SECOND);
    return PER_IMAGE.equals(sheet.mode());
  }

  private static LineItem perImage(PriceSheet sheet, UsageFacts usage) {
    BigDecimal pricePerImage = sheet.decimal("pricePerImage");
    BaseSize base = BaseSize.of(sheet);
    long width = side(usage, "width");
    long height = side(usage, "height");
    long images = usage.integerOr("numImages", DEFAULT_IMAGES, 1, MAX_IMAGES);
    BigDecimal factor = base.factor(width, height);
    BigDecimal quantity = factor.multiply(BigDecimal.valueOf(images));
    return LineItem.of(describe(images, width, height, factor), quantity, "image", pricePerImage);
  }

  private static long side(UsageFacts usage, String name) {
    return usage.integerOr(name, DEFAULT_SIDE, Formulas.MIN_DIMENSION, Formulas.MAX_DIMENSION);
  }

  /** "2 images at 1024x1024", or "1 image at 2048x2048 (4 times the base size)". */
  private static String describe(long images, long width, long height, BigDecimal factor) {
    String count = images + (images == 1 ? " image" : " images");
    String oversize =
        factor.compareTo(BigDecimal.ONE) > 0
            ? " (" + Formulas.plain(factor) + " times the base size)"
            : "";
    return count + " at " + width + "x" + height + oversize;
  }
}
