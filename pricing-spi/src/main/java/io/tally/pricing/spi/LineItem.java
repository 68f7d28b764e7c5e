package io.tally.pricing.spi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * One priced product of a quote: {@code amount = quantity × unitPrice}, rounded half-up to {@link
 * #SCALE} decimal places (micro-dollars).
 *
 * <p>The constructor refuses a line that breaks this rule (a negative amount, one finer than a
 * micro-dollar, one that is not its rounded product), so a plugin's own tests meet the rule the
 * first time they price; the server checks every quote again, whatever SPI a plugin was built with.
 * {@link #of} is the way to build a line.
 */
public record LineItem(
    String description, BigDecimal quantity, String unit, BigDecimal unitPrice, BigDecimal amount) {

  /** Amounts are US dollars with six decimal places. */
  public static final int SCALE = 6;

  public LineItem {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(unitPrice, "unitPrice");
    Objects.requireNonNull(amount, "amount");
    if (amount.signum() < 0) {
      throw refused(description, "amount " + amount.toPlainString() + " is negative");
    }
    if (amount.stripTrailingZeros().scale() > SCALE) {
      throw refused(
          description, "amount " + amount.toPlainString() + " is finer than a micro-dollar");
    }
    BigDecimal product = round(quantity.multiply(unitPrice));
    if (amount.compareTo(product) != 0) {
      throw refused(
          description,
          "amount "
              + amount.toPlainString()
              + " is not quantity "
              + quantity.toPlainString()
              + " x unit price "
              + unitPrice.toPlainString()
              + " rounded half-up to 6 places, "
              + product.toPlainString());
    }
    // Exact, since the amount has at most six places: every line reads "0.225000", never "0.225".
    amount = product;
  }

  /** A line whose amount is {@code quantity × unitPrice} rounded half-up to micro-dollars. */
  public static LineItem of(
      String description, BigDecimal quantity, String unit, BigDecimal unitPrice) {
    return new LineItem(
        description, quantity, unit, unitPrice, round(quantity.multiply(unitPrice)));
  }

  private static IllegalArgumentException refused(String description, String why) {
    return new IllegalArgumentException("line item '" + description + "': " + why);
  }

  /** The one rounding rule of Tally: half-up to six decimal places. */
  public static BigDecimal round(BigDecimal value) {
    return value.setScale(SCALE, RoundingMode.HALF_UP);
  }
}
