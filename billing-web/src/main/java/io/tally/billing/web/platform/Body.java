package io.tally.billing.web.platform;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.platform.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParser;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads a JSON request body into its record: JSON-B binds it and Bean Validation checks the
 * constraints on the record's components, so every mistake answers 400 naming the field at fault
 * ({@code parts[1].durationMs}). What JSON-B cannot do strictly enough is done before it: a key
 * given twice is refused, and {@link BodyShape} refuses unknown fields and wrong JSON types by path
 * and keeps amounts exact.
 */
public final class Body {

  /** Built once: creating a Jsonb or a Validator costs far more than a request. */
  private static final Jsonb JSONB = JsonbBuilder.create();

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
    JsonObject normal = BodyShape.normalize(json, type, prefix);
    T value;
    try {
      value = JSONB.fromJson(normal.toString(), type);
    } catch (JsonbException unbindable) {
      // BodyShape has checked every type JSON-B binds, so this is a body no shape foresaw.
      throw new BillingException(ErrorCode.MALFORMED_JSON, "the body could not be read");
    }
    refuseViolations(value, type, prefix);
    return value;
  }

  /** The one JSON object {@code text} holds, with no key given twice in any object. */
  public static JsonObject parse(String text) {
    if (text == null || text.isBlank()) {
      throw new BillingException(ErrorCode.MALFORMED_JSON, "a JSON object body is required");
    }
    try {
      refuseDuplicateKeys(text);
      return onlyObject(text);
    } catch (BillingException refused) {
      throw refused;
    } catch (RuntimeException unreadable) {
      // JsonParsingException, and the plain RuntimeException Parsson throws past its depth limit.
      throw new BillingException(ErrorCode.MALFORMED_JSON, "the body is not valid JSON");
    }
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

  /**
   * A parser, not a reader: a reader stops after the first value, so {@code {...} garbage} or two
   * objects in one body would be taken for the first one.
   */
  private static JsonObject onlyObject(String text) {
    try (JsonParser parser = Json.parser(text)) {
      if (parser.next() != JsonParser.Event.START_OBJECT) {
        throw new BillingException(ErrorCode.MALFORMED_JSON, "the body must be a JSON object");
      }
      JsonObject object = parser.getObject();
      if (parser.hasNext()) {
        throw new BillingException(
            ErrorCode.MALFORMED_JSON, "the body must hold one JSON object and nothing after it");
      }
      return object;
    }
  }

  /**
   * A key given twice in one object: JSON-B and JSON-P keep the last value silently ({@code
   * "amount":"1","amount":"1000"}), so which one the caller meant is refused instead.
   */
  private static void refuseDuplicateKeys(String text) {
    Deque<Set<String>> objects = new ArrayDeque<>();
    try (JsonParser parser = Json.parser(text)) {
      while (parser.hasNext()) {
        switch (parser.next()) {
          case START_OBJECT -> objects.push(new HashSet<>());
          case END_OBJECT -> objects.pop();
          case KEY_NAME -> {
            if (!objects.peek().add(parser.getString())) {
              throw new BillingException(
                  ErrorCode.MALFORMED_JSON,
                  "the key \"" + parser.getString() + "\" appears twice in one object");
            }
          }
          default -> {
            // values and arrays need no bookkeeping
          }
        }
      }
    }
  }
}
