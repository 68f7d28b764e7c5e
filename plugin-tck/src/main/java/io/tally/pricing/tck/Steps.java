package io.tally.pricing.tck;

import io.tally.pricing.spi.Field;
import java.math.BigDecimal;

/** The smallest step the kit takes past a bound or along a ladder, by kind of value. */
final class Steps {

  /** A micro-unit: finer than any price or size a person writes, coarser than rounding noise. */
  static final BigDecimal FINE = new BigDecimal("0.000001");

  private Steps() {}

  static boolean numeric(Field field) {
    return switch (field.kind()) {
      case AMOUNT, DECIMAL, INTEGER -> true;
      case TEXT, AMOUNTS_BY_KEY -> false;
    };
  }

  static BigDecimal step(Field field) {
    return field.kind() == Field.Kind.INTEGER ? BigDecimal.ONE : FINE;
  }

  static BigDecimal below(Field field) {
    return field.min().subtract(step(field));
  }

  static BigDecimal above(Field field) {
    return field.max().add(step(field));
  }
}
