package io.tally.pricing.spi;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;

/** Reads numbers that arrive as JSON numbers or as decimal strings. */
final class Values {

  /**
   * Digits allowed after the decimal point, and before it. Far beyond any price or quantity, yet it
   * keeps rounding cheap: rounding {@code 1e-99999999} to micro-dollars takes minutes of CPU, so
   * one hostile usage event could stall a billing thread.
   */
  static final int MAX_DIGITS = 18;

  private Values() {}

  static BigDecimal decimal(String field, Object value) {
    return bounded(field, parse(field, value));
  }

  /**
   * An immutable copy without null keys or values: a JSON {@code null} reads as an absent value, so
   * an optional value falls back to its default and a required one is reported as missing, instead
   * of {@link Map#copyOf} failing with a {@link NullPointerException} (a 500, not a 400).
   */
  static Map<String, Object> present(Map<String, Object> map) {
    if (map == null) {
      return Map.of();
    }
    Map<String, Object> copy = new HashMap<>();
    map.forEach(
        (key, value) -> {
          if (key != null && value != null) {
            copy.put(key, value);
          }
        });
    return Map.copyOf(copy);
  }

  private static BigDecimal parse(String field, Object value) {
    if (value == null) {
      throw new PricingException(field, field + " is required");
    }
    if (value instanceof BigDecimal decimal) {
      return decimal;
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    if (value instanceof BigInteger whole) {
      return new BigDecimal(whole);
    }
    if (value instanceof String text) {
      try {
        return new BigDecimal(text.trim());
      } catch (NumberFormatException notANumber) {
        throw new PricingException(field, field + " must be a number, was \"" + text + "\"");
      }
    }
    // Double and Float land here on purpose: money is never binary floating point.
    throw new PricingException(field, field + " must be a number");
  }

  private static BigDecimal bounded(String field, BigDecimal value) {
    if (fits(value)) {
      return value;
    }
    // "0.50000000000000000000" is fine once its trailing zeros go.
    BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    if (fits(stripped)) {
      return stripped;
    }
    throw new PricingException(
        field,
        field
            + " must have at most "
            + MAX_DIGITS
            + " digits before and "
            + MAX_DIGITS
            + " after the decimal point");
  }

  private static boolean fits(BigDecimal value) {
    return value.scale() <= MAX_DIGITS && value.precision() - value.scale() <= MAX_DIGITS;
  }
}
