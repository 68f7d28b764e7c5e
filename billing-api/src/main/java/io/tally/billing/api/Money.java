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

  /**
   * What a card is charged for {@code owed}: rounded <em>up</em> to whole cents, because a card
   * cannot be charged a fraction of a cent. Up, not half-up, so a payment never leaves a sub-cent
   * debt that no invoice will ever ask for; whoever takes the payment credits the ledger with
   * exactly this amount, so the fraction of a cent paid beyond what was owed is the customer's
   * credit, and {@code balance == sum(entries)} stays exact. The one rule for every card payment.
   */
  public static BigDecimal toCents(BigDecimal owed) {
    return owed.setScale(2, RoundingMode.CEILING);
  }

  /** Whether {@code amount} has no more than six decimal places, so storing it loses nothing. */
  public static boolean isExact(BigDecimal amount) {
    return amount.stripTrailingZeros().scale() <= SCALE;
  }
}
