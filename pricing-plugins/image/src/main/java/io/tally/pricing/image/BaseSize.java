package io.tally.pricing.image;

import io.tally.pricing.spi.Field;
import io.tally.pricing.spi.Formulas;
import io.tally.pricing.spi.PriceSheet;
import io.tally.pricing.spi.PricingException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.List;

/**
 * The size one {@code pricePerImage} buys, in pixels. A sheet gives it as {@code basePixels} (a
 * whole number, 1024×1024 when absent) or, as sheets before version 1.1.0 did, as {@code
 * baseMegapixels} (exactly that many millions of pixels); never both.
 */
record BaseSize(BigDecimal pixels, String shown) {

  static final long DEFAULT_PIXELS = 1024 * 1024;

  /** A base above the largest image would price every image as one. */
  static final long MAX_PIXELS = Formulas.MAX_DIMENSION * Formulas.MAX_DIMENSION;

  static final Field PIXELS_FIELD =
      Field.integer(
              "basePixels",
              "px",
              1,
              MAX_PIXELS,
              false,
              "The pixels one price buys; 1048576 (1024×1024) unless given")
          .asOptional();

  static final Field MEGAPIXELS_FIELD =
      new Field(
          "baseMegapixels",
          Field.Kind.DECIMAL,
          "MP",
          BigDecimal.ZERO,
          null,
          false,
          false,
          List.of(),
          "The base in millions of pixels, instead of basePixels (older sheets)");

  private static final BigInteger FIVE = BigInteger.valueOf(5);

  static BaseSize of(PriceSheet sheet) {
    // Each value is checked on its own first, so a malformed one is named before the clash.
    BaseSize pixels =
        sheet.values().containsKey("basePixels") ? ofPixels(sheet.decimal("basePixels")) : null;
    BaseSize megapixels =
        sheet.values().containsKey("baseMegapixels")
            ? ofMegapixels(sheet.decimal("baseMegapixels"))
            : null;
    if (pixels != null && megapixels != null) {
      throw new PricingException(
          "pricing.baseMegapixels",
          "pricing.baseMegapixels and pricing.basePixels both set the base size; give one");
    }
    if (megapixels != null) {
      return megapixels;
    }
    return pixels != null ? pixels : ofPixels(BigDecimal.valueOf(DEFAULT_PIXELS));
  }

  private static BaseSize ofPixels(BigDecimal value) {
    long pixels;
    try {
      pixels = value.longValueExact();
    } catch (ArithmeticException notWhole) {
      throw new PricingException(
          "pricing.basePixels", "pricing.basePixels must be a whole number of pixels");
    }
    if (pixels < 1 || pixels > MAX_PIXELS) {
      throw new PricingException(
          "pricing.basePixels",
          "pricing.basePixels must be between 1 and " + MAX_PIXELS + ", was " + pixels);
    }
    long side = (long) Math.sqrt((double) pixels);
    String shown = side * side == pixels ? side + "×" + side : pixels + " pixels";
    return new BaseSize(BigDecimal.valueOf(pixels), shown);
  }

  /** Zero would divide by zero when pricing, so the sheet is refused when it is saved. */
  private static BaseSize ofMegapixels(BigDecimal megapixels) {
    if (megapixels.signum() == 0) {
      throw new PricingException(
          "pricing.baseMegapixels", "pricing.baseMegapixels must be greater than zero");
    }
    return new BaseSize(megapixels.movePointRight(6), Formulas.plain(megapixels) + " MP");
  }

  /**
   * How many base-size images a {@code width × height} output is worth, never less than one. A base
   * whose digits are only twos and fives (1024×1024 is 2²⁰) divides exactly; any other gets 34
   * significant digits, far below the micro-dollar.
   */
  BigDecimal factor(long width, long height) {
    BigDecimal outputPixels = BigDecimal.valueOf(Math.multiplyExact(width, height));
    BigDecimal ratio =
        terminates(pixels)
            ? outputPixels.divide(pixels)
            : outputPixels.divide(pixels, MathContext.DECIMAL128);
    return ratio.max(BigDecimal.ONE);
  }

  private static boolean terminates(BigDecimal divisor) {
    BigInteger rest = divisor.stripTrailingZeros().unscaledValue().abs();
    rest = rest.shiftRight(rest.getLowestSetBit());
    while (rest.mod(FIVE).signum() == 0) {
      rest = rest.divide(FIVE);
    }
    return rest.equals(BigInteger.ONE);
  }

  @Override
  public String toString() {
    return shown;
  }
}
