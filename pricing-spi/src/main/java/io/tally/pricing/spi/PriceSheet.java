package io.tally.pricing.spi;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's pricing parameters from the catalog.
 *
 * <p>{@code mode} picks the formula; {@code values} holds the rest of the sheet as typed values:
 * numbers as {@link BigDecimal}, texts as {@link String}, booleans as {@link Boolean}, nested
 * objects as {@code Map<String, Object>}. The accessors throw a {@link PricingException} naming the
 * field ({@code pricing.ratePerSecond}) when a value is missing or of the wrong kind. A {@code
 * null} value counts as missing.
 */
public record PriceSheet(String mode, Map<String, Object> values) {

  public PriceSheet {
    values = Values.present(values);
  }

  /** Fails unless the sheet's mode is one of {@code modes}. */
  public void requireMode(String... modes) {
    if (mode == null || !Arrays.asList(modes).contains(mode)) {
      throw new PricingException(
          "pricing.mode", "mode must be one of " + String.join(", ", modes) + ", was " + mode);
    }
  }

  /** A required amount, zero or more. */
  public BigDecimal decimal(String name) {
    return nonNegative("pricing." + name, values.get(name));
  }

  /** An optional amount, zero or more, or {@code fallback} when absent. */
  public BigDecimal decimalOr(String name, BigDecimal fallback) {
    return values.containsKey(name) ? decimal(name) : fallback;
  }

  /** A required object of amounts, such as rates keyed by resolution, in the sheet's order. */
  public Map<String, BigDecimal> decimals(String name) {
    String field = "pricing." + name;
    if (!(values.get(name) instanceof Map<?, ?> map) || map.isEmpty()) {
      throw new PricingException(field, field + " must be a non-empty object of amounts");
    }
    Map<String, BigDecimal> result = new LinkedHashMap<>();
    map.forEach((key, value) -> result.put(key.toString(), nonNegative(field + "." + key, value)));
    return result;
  }

  static BigDecimal nonNegative(String field, Object value) {
    BigDecimal decimal = Values.decimal(field, value);
    if (decimal.signum() < 0) {
      throw new PricingException(field, field + " must not be negative");
    }
    return decimal;
  }
}
