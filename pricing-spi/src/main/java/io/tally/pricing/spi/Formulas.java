package io.tally.pricing.spi;

import java.math.BigDecimal;
import java.util.List;

/** Formulas that several families share, so each plugin writes them once. */
public final class Formulas {

  /** The mode every family supports: a rate per GPU-second applied to the call's duration. */
  public static final String PER_SECOND = "per_second";

  /** The smallest image side, in pixels, that the families pricing by size accept. */
  public static final long MIN_DIMENSION = 64;

  /** The largest image side, in pixels, that the families pricing by size accept. */
  public static final long MAX_DIMENSION = 8192;

  private static final BigDecimal MILLIS_PER_SECOND = BigDecimal.valueOf(1000);

  private static final int PIXELS_PER_MEGAPIXEL_EXPONENT = 6;

  private Formulas() {}

  /** Checks a {@code per_second} sheet: {@code {ratePerSecond}}. */
  public static void validatePerSecond(PriceSheet sheet) {
    sheet.decimal("ratePerSecond");
  }

  /** The {@code per_second} mode: its sheet and its one call parameter, the duration. */
  public static Mode perSecondMode(String description) {
    return new Mode(
        PER_SECOND,
        description,
        List.of(Field.amount("ratePerSecond", "USD per second", "The price of one second")),
        List.of(durationField()));
  }

  /** The call's duration as a mode states it: required, 0 to a day, more never costs less. */
  public static Field durationField() {
    return Field.integer(
            "durationMs", "ms", 0, UsageFacts.MAX_DURATION_MS, true, "How long the call ran")
        .asMonotone();
  }

  /** An image side in pixels, {@link #MIN_DIMENSION} to {@link #MAX_DIMENSION}, monotone. */
  public static Field dimension(String name, boolean required, String description) {
    return Field.integer(name, "px", MIN_DIMENSION, MAX_DIMENSION, required, description)
        .asMonotone();
  }

  /** "$0.0005 per second of GPU time", for a {@code per_second} sheet. */
  public static String describePerSecond(PriceSheet sheet, String ofWhat) {
    return dollars(sheet.decimal("ratePerSecond")) + " per second of " + ofWhat;
  }

  /** An amount as a price list writes it: {@code $0.003}, {@code $0.475}, {@code $2}. */
  public static String dollars(BigDecimal amount) {
    return "$" + plain(amount);
  }

  /** {@code ratePerSecond × durationMs / 1000}, one line item. */
  public static LineItem perSecond(PriceSheet sheet, UsageFacts usage, String description) {
    BigDecimal rate = sheet.decimal("ratePerSecond");
    return LineItem.of(description, seconds(usage), "second", rate);
  }

  /** {@link #perSecond(PriceSheet, UsageFacts, String)} described as "12.5 s on GPU". */
  public static LineItem perSecond(PriceSheet sheet, UsageFacts usage) {
    BigDecimal rate = sheet.decimal("ratePerSecond");
    BigDecimal seconds = seconds(usage);
    return LineItem.of(plain(seconds) + " s on GPU", seconds, "second", rate);
  }

  /**
   * The call's required duration in seconds, exact: a millisecond is a thousandth, so the division
   * always terminates.
   */
  public static BigDecimal seconds(UsageFacts usage) {
    return BigDecimal.valueOf(usage.requiredDurationMs()).divide(MILLIS_PER_SECOND);
  }

  /**
   * {@code width × height / 10⁶}, exact to six decimal places. Sides are at most {@link
   * #MAX_DIMENSION}, so the product cannot overflow a {@code long}.
   */
  public static BigDecimal megapixels(long width, long height) {
    return BigDecimal.valueOf(Math.multiplyExact(width, height), PIXELS_PER_MEGAPIXEL_EXPONENT);
  }

  /**
   * A number as a person writes it in a line item's description: {@code 5} rather than {@code
   * 5.000} or {@code 5E+0}.
   */
  public static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}
