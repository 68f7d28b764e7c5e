package io.tally.pricing.image;

import io.tally.pricing.spi.Formulas;
import io.tally.pricing.spi.LineItem;
import io.tally.pricing.spi.PriceSheet;
import io.tally.pricing.spi.PricingException;
import io.tally.pricing.spi.PricingPlugin;
import io.tally.pricing.spi.Quote;
import io.tally.pricing.spi.UsageFacts;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Set;

/**
 * Prices image generation. Mode {@code per_image} charges {@code pricePerImage} per image, and an
 * image larger than {@code baseMegapixels} (default 1) as that many base-size images, so a 4 MP
 * image costs four; a smaller one still costs one. Mode {@code per_second} charges GPU time.
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
    if (isPerImage(sheet)) {
      sheet.decimal("pricePerImage");
      baseMegapixels(sheet);
    } else {
      Formulas.validatePerSecond(sheet);
    }
  }

  @Override
  public Quote price(PriceSheet sheet, UsageFacts usage) {
    return Quote.of(isPerImage(sheet) ? perImage(sheet, usage) : Formulas.perSecond(sheet, usage));
  }

  /** Refuses any mode but the two this family knows. */
  private static boolean isPerImage(PriceSheet sheet) {
    sheet.requireMode(PER_IMAGE, Formulas.PER_SECOND);
    return PER_IMAGE.equals(sheet.mode());
  }

  private static LineItem perImage(PriceSheet sheet, UsageFacts usage) {
    BigDecimal pricePerImage = sheet.decimal("pricePerImage");
    BigDecimal baseMegapixels = baseMegapixels(sheet);
    long width = side(usage, "width");
    long height = side(usage, "height");
    long images = usage.integerOr("numImages", DEFAULT_IMAGES, 1, MAX_IMAGES);
    BigDecimal factor = sizeFactor(Formulas.megapixels(width, height), baseMegapixels);
    BigDecimal quantity = factor.multiply(BigDecimal.valueOf(images));
    return LineItem.of(describe(images, width, height, factor), quantity, "image", pricePerImage);
  }

  private static long side(UsageFacts usage, String name) {
    return usage.integerOr(name, DEFAULT_SIDE, Formulas.MIN_DIMENSION, Formulas.MAX_DIMENSION);
  }

  /** Zero would divide by zero when pricing, so the sheet is refused when it is saved. */
  private static BigDecimal baseMegapixels(PriceSheet sheet) {
    BigDecimal base = sheet.decimalOr("baseMegapixels", BigDecimal.ONE);
    if (base.signum() == 0) {
      throw new PricingException(
          "pricing.baseMegapixels", "pricing.baseMegapixels must be greater than zero");
    }
    return base;
  }

  /**
   * How many base-size images one output is worth, never less than one. Dividing by a power of ten
   * is exact; any other base gets 34 significant digits, far below the micro-dollar.
   */
  private static BigDecimal sizeFactor(BigDecimal megapixels, BigDecimal baseMegapixels) {
    BigDecimal ratio =
        isPowerOfTen(baseMegapixels)
            ? megapixels.divide(baseMegapixels)
            : megapixels.divide(baseMegapixels, MathContext.DECIMAL128);
    return ratio.max(BigDecimal.ONE);
  }

  private static boolean isPowerOfTen(BigDecimal value) {
    return value.stripTrailingZeros().unscaledValue().equals(BigInteger.ONE);
  }

  /** "2 images at 1024x1024", or "1 image at 2048x2048 (4.194304 times the base size)". */
  private static String describe(long images, long width, long height, BigDecimal factor) {
    String count = images + (images == 1 ? " image" : " images");
    String oversize =
        factor.compareTo(BigDecimal.ONE) > 0
            ? " (" + Formulas.plain(factor) + " times the base size)"
            : "";
    return count + " at " + width + "x" + height + oversize;
  }
}
