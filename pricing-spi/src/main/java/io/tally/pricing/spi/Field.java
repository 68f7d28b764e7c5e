package io.tally.pricing.spi;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One value a price sheet or a call carries, described for people and tools: the admin's price
 * editor draws a form from a mode's sheet fields, a model page's calculator draws one from its call
 * parameters, and the plugin test kit checks the bounds and monotony stated here.
 *
 * @param name the key in the sheet or in the call's parameters ({@code pricePerImage}, {@code
 *     width})
 * @param kind what the value is
 * @param unit what one of it means, for people ({@code USD per image}, {@code px}, {@code s})
 * @param min the smallest accepted value, or {@code null} when unbounded
 * @param max the largest accepted value, or {@code null} when unbounded
 * @param required whether the sheet or call must carry it
 * @param monotone for a call parameter: more of it never costs less, all else equal
 * @param keys for {@link Kind#AMOUNTS_BY_KEY}: the usual keys ({@code 480p}, {@code 720p}); others
 *     may be allowed
 * @param description one sentence for people
 */
public record Field(
    String name,
    Kind kind,
    String unit,
    BigDecimal min,
    BigDecimal max,
    boolean required,
    boolean monotone,
    List<String> keys,
    String description) {

  /** What a field holds. */
  public enum Kind {
    /** US dollars, zero or more, up to six decimal places. */
    AMOUNT,
    /** A decimal number. */
    DECIMAL,
    /** A whole number. */
    INTEGER,
    /** A text. */
    TEXT,
    /** An object of amounts keyed by a text, such as rates by resolution. */
    AMOUNTS_BY_KEY
  }

  public Field {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(description, "description");
    keys = keys == null ? List.of() : List.copyOf(keys);
    if (min != null && max != null && min.compareTo(max) > 0) {
      throw new IllegalArgumentException(name + ": min " + min + " is above max " + max);
    }
  }

  /** A required amount of money in a sheet, zero or more. */
  public static Field amount(String name, String unit, String description) {
    return new Field(
        name, Kind.AMOUNT, unit, BigDecimal.ZERO, null, true, false, List.of(), description);
  }

  /** A whole-number call parameter between {@code min} and {@code max}. */
  public static Field integer(
      String name, String unit, long min, long max, boolean required, String description) {
    return new Field(
        name,
        Kind.INTEGER,
        unit,
        BigDecimal.valueOf(min),
        BigDecimal.valueOf(max),
        required,
        false,
        List.of(),
        description);
  }

  /** The same field, stated as one where more never costs less. */
  public Field asMonotone() {
    return new Field(name, kind, unit, min, max, required, true, keys, description);
  }

  /** The same field, optional. */
  public Field asOptional() {
    return new Field(name, kind, unit, min, max, false, monotone, keys, description);
  }
}
