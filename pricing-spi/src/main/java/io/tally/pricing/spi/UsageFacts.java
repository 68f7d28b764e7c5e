package io.tally.pricing.spi;

import java.math.BigDecimal;
import java.util.Map;

/**
 * What one call used: its duration in milliseconds (absent when the gateway did not send one) and
 * its parameters as typed values (numbers as {@link BigDecimal}, texts as {@link String}).
 *
 * <p>The accessors check bounds and throw a {@link PricingException} naming the input at fault
 * ({@code durationMs}, {@code parameters.width}). A {@code null} parameter counts as absent.
 */
public record UsageFacts(Long durationMs, Map<String, Object> parameters) {

  /** The longest call one usage event may report: a day. */
  public static final long MAX_DURATION_MS = 86_400_000L;

  public UsageFacts {
    parameters = Values.present(parameters);
  }

  public static UsageFacts ofDuration(long durationMs) {
    return new UsageFacts(durationMs, Map.of());
  }

  /** The call's duration, required, from 0 to {@link #MAX_DURATION_MS}. */
  public long requiredDurationMs() {
    if (durationMs == null) {
      throw new PricingException("durationMs", "durationMs is required for this model");
    }
    if (durationMs < 0 || durationMs > MAX_DURATION_MS) {
      throw new PricingException(
          "durationMs",
          "durationMs must be between 0 and " + MAX_DURATION_MS + ", was " + durationMs);
    }
    return durationMs;
  }

  /** A whole-number parameter within {@code [min, max]}; required. */
  public long integer(String name, long min, long max) {
    String field = "parameters." + name;
    if (!parameters.containsKey(name)) {
      throw new PricingException(field, field + " is required");
    }
    BigDecimal value = Values.decimal(field, parameters.get(name));
    long whole;
    try {
      whole = value.longValueExact();
    } catch (ArithmeticException notWhole) {
      throw new PricingException(
          field, field + " must be a whole number, was " + value.toPlainString());
    }
    if (whole < min || whole > max) {
      throw new PricingException(
          field, field + " must be between " + min + " and " + max + ", was " + whole);
    }
    return whole;
  }

  /** A whole-number parameter within {@code [min, max]}, or {@code fallback} when absent. */
  public long integerOr(String name, long fallback, long min, long max) {
    return parameters.containsKey(name) ? integer(name, min, max) : fallback;
  }

  /** A required decimal parameter greater than {@code exclusiveMin} and at most {@code max}. */
  public BigDecimal decimal(String name, BigDecimal exclusiveMin, BigDecimal max) {
    String field = "parameters." + name;
    if (!parameters.containsKey(name)) {
      throw new PricingException(field, field + " is required");
    }
    BigDecimal value = Values.decimal(field, parameters.get(name));
    if (value.compareTo(exclusiveMin) <= 0 || value.compareTo(max) > 0) {
      throw new PricingException(
          field,
          field
              + " must be greater than "
              + exclusiveMin.toPlainString()
              + " and at most "
              + max.toPlainString()
              + ", was "
              + value.toPlainString());
    }
    return value;
  }

  /** A required text parameter. */
  public String text(String name) {
    String field = "parameters." + name;
    Object value = parameters.get(name);
    if (value == null) {
      throw new PricingException(field, field + " is required");
    }
    if (!(value instanceof String text)) {
      throw new PricingException(field, field + " must be a string");
    }
    return text;
  }
}
