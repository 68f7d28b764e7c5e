package io.tally.billing.web.platform;

import io.tally.billing.api.BillingException;
import jakarta.json.JsonObject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import java.util.Comparator;
import java.util.Set;

/**
 * Reads a JSON request body into its record in one pass over the text ({@link BodyParser}: a key
 * given twice or anything after the object is refused on the way), binds the record straight from
 * the parsed object ({@link BodyShape}: unknown fields and wrong JSON types refused by path,
 * amounts kept exact), then Bean Validation checks the constraints on the record's components, so
 * every mistake answers 400 naming the field at fault ({@code parts[1].durationMs}).
 */
public final class Body {

  /** Built once: creating a Validator costs far more than a request. */
  private static final Validator VALIDATOR =
      Validation.buildDefaultValidatorFactory().getValidator();

  private Body() {}

  /** The record {@code text} holds, checked. */
  public static <T extends Record> T read(String text, Class<T> type) {
    return read(parse(text), type, "");
  }

  /**
   * The record one object of a larger body holds ({@code events[3]} of a batch), its fields named
   * under {@code prefix}.
   */
  public static <T extends Record> T read(JsonObject json, Class<T> type, String prefix) {
    T value = BodyShape.bind(json, type, prefix);
    refuseViolations(value, type, prefix);
    return value;
  }

  /** The one JSON object {@code text} holds, with no key given twice in any object. */
  public static JsonObject parse(String text) {
    return BodyParser.parse(text);
  }

  /**
   * The first violation in the order the record declares its components, so the same body always
   * names the same field. A missing value is {@code missing_field}; any other {@code
   * invalid_field}.
   */
  private static <T> void refuseViolations(T value, Class<T> type, String prefix) {
    Set<ConstraintViolation<T>> violations = VALIDATOR.validate(value);
    if (violations.isEmpty()) {
      return;
    }
    ConstraintViolation<T> first =
        violations.stream()
            .min(
                Comparator.comparingInt((ConstraintViolation<T> v) -> position(type, v))
                    .thenComparing(v -> v.getPropertyPath().toString()))
            .orElseThrow();
    String field = prefix + first.getPropertyPath();
    if (first.getConstraintDescriptor().getAnnotation() instanceof NotNull) {
      throw BillingException.missing(field);
    }
    throw BillingException.invalid(field, field + " " + first.getMessage());
  }

  private static int position(Class<?> type, ConstraintViolation<?> violation) {
    String top = violation.getPropertyPath().iterator().next().getName();
    var components = type.getRecordComponents();
    for (int i = 0; i < components.length; i++) {
      if (components[i].getName().equals(top)) {
        return i;
      }
    }
    return components.length;
  }
}
