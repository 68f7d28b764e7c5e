package io.tally.billing.api;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Tally's one money rule: US dollars with six decimal places (micro-dollars), rounded half-up,
 * written as decimal strings ({@code "1.000000"}).
 */
public final class Money {

  public static final int SCALE = 6;
  public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(SCALE);

  private Money() {}

  /** Rounds half-up to micro-dollars. */
  public static BigDecimal of(BigDecimal amount) {
    return amount.setScale(SCALE, RoundingMode.HALF_UP);
  }

  /** The decimal string callers see: {@code "1.000000"}. */
  public static String format(BigDecimal amount) {
    return amount == null ? null : of(amount).toPlainString();
  }

  /** Whether {@code amount} has no more than six decimal places, so storing it loses nothing. */
  public static boolean isExact(BigDecimal amount) {
    return amount.stripTrailingZeros().scale() <= SCALE;
  }
}
