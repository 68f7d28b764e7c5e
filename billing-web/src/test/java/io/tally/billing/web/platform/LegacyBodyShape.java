package io.tally.billing.web.platform;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.ErrorCode;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The shape check of the three-pass reader that {@link BodyShape} replaced (ece9cce), kept as the
 * oracle of {@code BodyOracleTest}. Checks a JSON object against the record it is read into, before
 * JSON-B binds it, and answers in the caller's terms: a field the record does not have is {@code
 * unknown_field} (a typo is never silently ignored), a value of the wrong JSON type {@code
 * invalid_field}, each with its path ({@code parts[0].colour}). It hands JSON-B a normal form: text
 * stripped, numbers given as strings made numbers (amounts stay exact, never binary floating
 * point), a bare date made midnight UTC.
 */
final class LegacyBodyShape {

  private static final JsonProvider JSON = JsonProvider.provider();

  /**
   * The record's components, looked up once per record type: {@code getRecordComponents} asks the
   * VM and copies them on every call.
   */
  private static final ClassValue<RecordComponent[]> COMPONENTS =
      new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
          return type.getRecordComponents();
        }
      };

  /** The record's component names. */
  private static final ClassValue<Set<String>> NAMES =
      new ClassValue<>() {
        @Override
        protected Set<String> computeValue(Class<?> type) {
          return Arrays.stream(COMPONENTS.get(type))
              .map(RecordComponent::getName)
              .collect(Collectors.toUnmodifiableSet());
        }
      };

  private LegacyBodyShape() {}

  static JsonObject normalize(JsonObject json, Class<?> type, String prefix) {
    Set<String> names = NAMES.get(type);
    for (String key : json.keySet()) {
      if (!names.contains(key)) {
        throw new BillingException(
            ErrorCode.UNKNOWN_FIELD, "unknown field " + prefix + key, prefix + key);
      }
    }
    JsonObjectBuilder normal = JSON.createObjectBuilder();
    for (RecordComponent component : COMPONENTS.get(type)) {
      JsonValue value = json.get(component.getName());
      if (value != null && value.getValueType() != JsonValue.ValueType.NULL) {
        String field = prefix + component.getName();
        normal.add(component.getName(), value(value, component.getGenericType(), field));
      }
    }
    return normal.build();
  }

  private static JsonValue value(JsonValue value, Type type, String field) {
    Class<?> raw = raw(type);
    if (raw == String.class) {
      return JSON.createValue(text(value, field));
    }
    if (raw == Long.class || raw == long.class) {
      return JSON.createValue(whole(value, field));
    }
    if (raw == BigDecimal.class) {
      return JSON.createValue(number(value, field).stripTrailingZeros());
    }
    if (raw == Boolean.class || raw == boolean.class) {
      return switch (value.getValueType()) {
        case TRUE, FALSE -> value;
        default -> throw BillingException.invalid(field, field + " must be true or false");
      };
    }
    if (raw == Instant.class) {
      return JSON.createValue(instant(value, field).toString());
    }
    if (raw.isEnum()) {
      return JSON.createValue(constant(value, raw, field));
    }
    if (raw == JsonObject.class || raw.isRecord()) {
      if (value.getValueType() != JsonValue.ValueType.OBJECT) {
        throw BillingException.invalid(field, field + " must be an object");
      }
      return raw.isRecord() ? normalize(value.asJsonObject(), raw, field + ".") : value;
    }
    if (raw == List.class) {
      return list(value, ((ParameterizedType) type).getActualTypeArguments()[0], field);
    }
    throw new IllegalStateException("a request record may not hold a " + type);
  }

  private static JsonArray list(JsonValue value, Type item, String field) {
    if (value.getValueType() != JsonValue.ValueType.ARRAY) {
      throw BillingException.invalid(field, field + " must be an array");
    }
    JsonArray array = value.asJsonArray();
    JsonArrayBuilder normal = JSON.createArrayBuilder();
    for (int i = 0; i < array.size(); i++) {
      String itemField = field + "[" + i + "]";
      if (array.get(i).getValueType() == JsonValue.ValueType.NULL) {
        throw BillingException.invalid(itemField, itemField + " must not be null");
      }
      normal.add(value(array.get(i), item, itemField));
    }
    return normal.build();
  }

  private static String text(JsonValue value, String field) {
    if (!(value instanceof JsonString string)) {
      throw BillingException.invalid(field, field + " must be a string");
    }
    return string.getString().strip();
  }

  /** A whole number, as a JSON number or a numeric string. */
  private static long whole(JsonValue value, String field) {
    try {
      return number(value, field).longValueExact();
    } catch (ArithmeticException notWhole) {
      throw BillingException.invalid(field, field + " must be a whole number");
    }
  }

  /** A decimal number, as a JSON number or a string, kept exact. */
  private static BigDecimal number(JsonValue value, String field) {
    try {
      if (value instanceof JsonNumber number) {
        return checkedSize(number.bigDecimalValue(), field);
      }
      if (value instanceof JsonString string) {
        return checkedSize(new BigDecimal(string.getString().strip()), field);
      }
    } catch (NumberFormatException e) {
      // falls through to the error below
    }
    throw BillingException.invalid(field, field + " must be a number");
  }

  /** Refuses numbers like 1e999999999 whose arithmetic would take seconds. */
  private static BigDecimal checkedSize(BigDecimal value, String field) {
    if (value.precision() - value.scale() > 19 || value.scale() > 18) {
      throw BillingException.invalid(field, field + " is out of range");
    }
    return value;
  }

  /** An instant ({@code 2026-05-01T00:00:00Z}) or a date ({@code 2026-05-01}, midnight UTC). */
  private static Instant instant(JsonValue value, String field) {
    String text = text(value, field);
    try {
      return text.length() == 10
          ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw BillingException.invalid(
          field, field + " must be an ISO-8601 instant or date, like 2026-05-01T00:00:00Z");
    }
  }

  private static String constant(JsonValue value, Class<?> type, String field) {
    String text = text(value, field);
    for (Object constant : type.getEnumConstants()) {
      if (((Enum<?>) constant).name().equals(text)) {
        return text;
      }
    }
    throw BillingException.invalid(
        field, field + " must be one of " + Arrays.toString(type.getEnumConstants()));
  }

  private static Class<?> raw(Type type) {
    return type instanceof ParameterizedType generic
        ? (Class<?>) generic.getRawType()
        : (Class<?>) type;
  }
}
