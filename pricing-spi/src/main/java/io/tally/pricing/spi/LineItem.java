package io.tally.pricing.spi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * One priced product of a quote: {@code amount = quantity × unitPrice}, rounded half-up to {@link
 * #SCALE} decimal places (micro-dollars).
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
  }

  /** A line whose amount is {@code quantity × unitPrice} rounded half-up to micro-dollars. */
  public static LineItem of(
      String description, BigDecimal quantity, String unit, BigDecimal unitPrice) {
    return new LineItem(
        description, quantity, unit, unitPrice, round(quantity.multiply(unitPrice)));
  }

  /** The one rounding rule of Tally: half-up to six decimal places. */
  public static BigDecimal round(BigDecimal value) {
    return value.setScale(SCALE, RoundingMode.HALF_UP);
  }
}
