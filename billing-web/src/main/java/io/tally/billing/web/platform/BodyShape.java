package io.tally.billing.web.platform;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.ErrorCode;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.lang.reflect.Constructor;
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
 * Binds a JSON object straight into the record it is read into, and answers in the caller's terms:
 * a field the record does not have is {@code unknown_field} (a typo is never silently ignored), a
 * value of the wrong JSON type {@code invalid_field}, each with its path ({@code parts[0].colour}).
 * Text is stripped, numbers given as strings are read as numbers (amounts stay exact, never binary
 * floating point), a bare date is midnight UTC. What each component takes, and the record's
 * canonical constructor, are worked out once per record type; a call only walks the object.
 */
final class BodyShape {

  /** How one component reads a JSON value that is present and not null. */
  @FunctionalInterface
  private interface Reader {
    Object read(JsonValue value, String field);
  }

  /** A component: its JSON name, how it reads, and what it holds when absent or null. */
  private record Slot(String name, Reader reader, Object absent) {}

  private static final ClassValue<BodyShape> SHAPES =
      new ClassValue<>() {
        @Override
        protected BodyShape computeValue(Class<?> type) {
          return new BodyShape(type);
        }
      };

  private final Set<String> names;
  private final Slot[] slots;
  private final Constructor<?> constructor;

  private BodyShape(Class<?> type) {
    RecordComponent[] components = type.getRecordComponents();
    names =
        Arrays.stream(components)
            .map(RecordComponent::getName)
            .collect(Collectors.toUnmodifiableSet());
    slots = new Slot[components.length];
    Class<?>[] parameters = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent component = components[i];
      parameters[i] = component.getType();
      slots[i] =
          new Slot(
              component.getName(), reader(component.getGenericType()), absent(component.getType()));
    }
    try {
      constructor = type.getDeclaredConstructor(parameters);
      constructor.setAccessible(true);
    } catch (NoSuchMethodException | RuntimeException e) {
      throw new IllegalStateException("no canonical constructor for " + type, e);
    }
  }

  /** The record of {@code type} that {@code json} holds; its fields named under {@code prefix}. */
  static <T extends Record> T bind(JsonObject json, Class<T> type, String prefix) {
    return type.cast(SHAPES.get(type).read(json, prefix));
  }

  private Object read(JsonObject json, String prefix) {
    for (String key : json.keySet()) {
      if (!names.contains(key)) {
        throw new BillingException(
            ErrorCode.UNKNOWN_FIELD, "unknown field " + prefix + key, prefix + key);
      }
    }
    Object[] values = new Object[slots.length];
    for (int i = 0; i < slots.length; i++) {
      Slot slot = slots[i];
      JsonValue value = json.get(slot.name());
      values[i] =
          value == null || value.getValueType() == JsonValue.ValueType.NULL
              ? slot.absent()
              : slot.reader().read(value, prefix + slot.name());
    }
    try {
      return constructor.newInstance(values);
    } catch (ReflectiveOperationException unbindable) {
      // What JSON-B answered when a record's constructor refused what it was given.
      throw new BillingException(ErrorCode.MALFORMED_JSON, "the body could not be read");
    }
  }

  /** JSON-B's value for a component the body leaves out: null, or a primitive's zero. */
  private static Object absent(Class<?> type) {
    if (type == long.class) {
      return 0L;
    }
    return type == boolean.class ? Boolean.FALSE : null;
  }

  private static Reader reader(Type type) {
    Class<?> raw = raw(type);
    if (raw == String.class) {
      return BodyShape::text;
    }
    if (raw == Long.class || raw == long.class) {
      return BodyShape::whole;
    }
    if (raw == BigDecimal.class) {
      return (value, field) -> number(value, field).stripTrailingZeros();
    }
    if (raw == Boolean.class || raw == boolean.class) {
      return BodyShape::bool;
    }
    if (raw == Instant.class) {
      return BodyShape::instant;
    }
    if (raw.isEnum()) {
      return (value, field) -> constant(value, raw, field);
    }
    if (raw == JsonObject.class) {
      return BodyShape::object;
    }
    if (raw.isRecord()) {
      // Looked up when read, so that a record may hold its own type.
      return (value, field) -> SHAPES.get(raw).read(object(value, field), field + ".");
    }
    if (raw == List.class) {
      Reader item = reader(((ParameterizedType) type).getActualTypeArguments()[0]);
      return (value, field) -> list(value, item, field);
    }
    return (value, field) -> {
      throw new IllegalStateException("a request record may not hold a " + type);
    };
  }

  private static List<Object> list(JsonValue value, Reader item, String field) {
    if (value.getValueType() != JsonValue.ValueType.ARRAY) {
      throw BillingException.invalid(field, field + " must be an array");
    }
    JsonArray array = value.asJsonArray();
    Object[] items = new Object[array.size()];
    for (int i = 0; i < items.length; i++) {
      String itemField = field + "[" + i + "]";
      JsonValue element = array.get(i);
      if (element.getValueType() == JsonValue.ValueType.NULL) {
        throw BillingException.invalid(itemField, itemField + " must not be null");
      }
      items[i] = item.read(element, itemField);
    }
    return List.of(items);
  }

  private static JsonObject object(JsonValue value, String field) {
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw BillingException.invalid(field, field + " must be an object");
    }
    return value.asJsonObject();
  }

  private static Boolean bool(JsonValue value, String field) {
    return switch (value.getValueType()) {
      case TRUE -> Boolean.TRUE;
      case FALSE -> Boolean.FALSE;
      default -> throw BillingException.invalid(field, field + " must be true or false");
    };
  }

  private static String text(JsonValue value, String field) {
    if (!(value instanceof JsonString string)) {
      throw BillingException.invalid(field, field + " must be a string");
    }
    return string.getString().strip();
  }

  /** A whole number, as a JSON number or a numeric string. */
  private static Long whole(JsonValue value, String field) {
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

  private static Object constant(JsonValue value, Class<?> type, String field) {
    String text = text(value, field);
    for (Object constant : type.getEnumConstants()) {
      if (((Enum<?>) constant).name().equals(text)) {
        return constant;
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
