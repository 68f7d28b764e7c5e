package io.tally.billing.web.platform;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.api.Money;
import io.tally.billing.platform.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON request body read field by field, so every mistake answers 400 naming the field at fault
 * ({@code parts[1].durationMs}) instead of a generic binding error. Amounts may be decimal strings
 * or numbers and are kept exact.
 */
public final class Body {

  /** The largest amount any request may carry: more than any account will hold. */
  private static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000");

  private final JsonObject json;
  private final String prefix;

  private Body(JsonObject json, String prefix) {
    this.json = json;
    this.prefix = prefix;
  }

  public static Body parse(String text) {
    if (text == null || text.isBlank()) {
      throw new BillingException(ErrorCode.MALFORMED_JSON, "a JSON object body is required");
    }
    try {
      refuseDuplicateKeys(text);
      return new Body(onlyObject(text), "");
    } catch (BillingException refused) {
      throw refused;
    } catch (RuntimeException unreadable) {
      // JsonParsingException, and the plain RuntimeException Parsson throws past its depth limit.
      throw new BillingException(ErrorCode.MALFORMED_JSON, "the body is not valid JSON");
    }
  }

  /**
   * The one JSON object {@code text} holds. A parser, not a reader: a reader stops after the first
   * value, so {@code {...} garbage} or two objects in one body would be taken for the first one.
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
   * A key given twice in one object: the parser would keep the last value silently ({@code
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

  /** Refuses fields this request does not know, so a typo is not silently ignored. */
  public Body only(String... allowed) {
    Set<String> known = Set.of(allowed);
    for (String name : json.keySet()) {
      if (!known.contains(name)) {
        throw new BillingException(
            ErrorCode.UNKNOWN_FIELD, "unknown field " + field(name), field(name));
      }
    }
    return this;
  }

  public boolean has(String name) {
    return json.containsKey(name) && json.get(name).getValueType() != JsonValue.ValueType.NULL;
  }

  public String text(String name, int maxLength) {
    String value = optionalText(name, maxLength);
    if (value == null) {
      throw BillingException.missing(field(name));
    }
    return value;
  }

  public String optionalText(String name, int maxLength) {
    if (!has(name)) {
      return null;
    }
    if (!(json.get(name) instanceof JsonString string)) {
      throw BillingException.invalid(field(name), field(name) + " must be a string");
    }
    String value = string.getString().strip();
    if (value.isEmpty() || value.length() > maxLength) {
      throw BillingException.invalid(
          field(name), field(name) + " must be 1 to " + maxLength + " characters");
    }
    return value;
  }

  /** A JSON {@code true} or {@code false}. */
  public boolean bool(String name) {
    if (!has(name)) {
      throw BillingException.missing(field(name));
    }
    return optionalBoolean(name, false);
  }

  public long id(String name) {
    Long value = optionalId(name);
    if (value == null) {
      throw BillingException.missing(field(name));
    }
    return value;
  }

  /** A positive whole number, as a JSON number or a string of digits. */
  public Long optionalId(String name) {
    Long value = optionalWhole(name);
    if (value != null && value <= 0) {
      throw BillingException.invalid(field(name), field(name) + " must be a positive whole number");
    }
    return value;
  }

  /** A whole number, as a JSON number or a numeric string. */
  public Long optionalWhole(String name) {
    if (!has(name)) {
      return null;
    }
    BigDecimal value = number(name);
    try {
      return value.longValueExact();
    } catch (ArithmeticException notWhole) {
      throw BillingException.invalid(field(name), field(name) + " must be a whole number");
    }
  }

  /** An exact amount of money: at most six decimal places, within a sane range. */
  public BigDecimal amount(String name) {
    if (!has(name)) {
      throw BillingException.missing(field(name));
    }
    BigDecimal value = number(name);
    if (!Money.isExact(value)) {
      throw BillingException.invalid(
          field(name), field(name) + " must have at most 6 decimal places");
    }
    if (value.abs().compareTo(MAX_AMOUNT) > 0) {
      throw BillingException.invalid(field(name), field(name) + " is too large");
    }
    return Money.of(value);
  }

  public BigDecimal optionalAmount(String name) {
    return has(name) ? amount(name) : null;
  }

  public Map<String, Object> object(String name) {
    Map<String, Object> value = optionalObject(name);
    if (value == null) {
      throw BillingException.missing(field(name));
    }
    return value;
  }

  public Map<String, Object> optionalObject(String name) {
    if (!has(name)) {
      return null;
    }
    if (json.get(name).getValueType() != JsonValue.ValueType.OBJECT) {
      throw BillingException.invalid(field(name), field(name) + " must be an object");
    }
    return Json.toMap(json.getJsonObject(name));
  }

  /** An object read as a body of its own, its fields named {@code name.field}; null when absent. */
  public Body optionalBody(String name) {
    if (!has(name)) {
      return null;
    }
    if (json.get(name).getValueType() != JsonValue.ValueType.OBJECT) {
      throw BillingException.invalid(field(name), field(name) + " must be an object");
    }
    return new Body(json.getJsonObject(name), field(name) + ".");
  }

  /** A non-empty array of objects, each read as a body of its own. */
  public List<Body> objects(String name, int max) {
    if (!has(name)) {
      throw BillingException.missing(field(name));
    }
    if (json.get(name).getValueType() != JsonValue.ValueType.ARRAY) {
      throw BillingException.invalid(field(name), field(name) + " must be an array");
    }
    var array = json.getJsonArray(name);
    if (array.isEmpty() || array.size() > max) {
      throw BillingException.invalid(
          field(name), field(name) + " must hold 1 to " + max + " items");
    }
    List<Body> items = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String itemField = field(name) + "[" + i + "]";
      if (array.get(i).getValueType() != JsonValue.ValueType.OBJECT) {
        throw BillingException.invalid(itemField, itemField + " must be an object");
      }
      items.add(new Body(array.getJsonObject(i), itemField + "."));
    }
    return items;
  }

  /** An instant ({@code 2026-05-01T00:00:00Z}) or a date ({@code 2026-05-01}, midnight UTC). */
  public Instant optionalInstant(String name) {
    String value = optionalText(name, 40);
    if (value == null) {
      return null;
    }
    try {
      return value.length() == 10
          ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw BillingException.invalid(
          field(name),
          field(name) + " must be an ISO-8601 instant or date, like 2026-05-01T00:00:00Z");
    }
  }

  public Instant instant(String name) {
    Instant value = optionalInstant(name);
    if (value == null) {
      throw BillingException.missing(field(name));
    }
    return value;
  }

  /** A JSON true or false; {@code fallback} when absent. */
  public boolean optionalBoolean(String name, boolean fallback) {
    if (!has(name)) {
      return fallback;
    }
    return switch (json.get(name).getValueType()) {
      case TRUE -> true;
      case FALSE -> false;
      default ->
          throw BillingException.invalid(field(name), field(name) + " must be true or false");
    };
  }

  public <E extends Enum<E>> E optionalEnum(String name, Class<E> type, E fallback) {
    String value = optionalText(name, 40);
    if (value == null) {
      return fallback;
    }
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw BillingException.invalid(
          field(name),
          field(name) + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
    }
  }

  /** The full name of a field of this body, as the caller wrote it. */
  public String field(String name) {
    return prefix + name;
  }

  private BigDecimal number(String name) {
    JsonValue value = json.get(name);
    try {
      if (value instanceof JsonNumber number) {
        return checkedSize(name, number.bigDecimalValue());
      }
      if (value instanceof JsonString string) {
        return checkedSize(name, new BigDecimal(string.getString().strip()));
      }
    } catch (NumberFormatException e) {
      // falls through to the error below
    }
    throw BillingException.invalid(field(name), field(name) + " must be a number");
  }

  /** Refuses numbers like 1e999999999 whose arithmetic would take seconds. */
  private BigDecimal checkedSize(String name, BigDecimal value) {
    if (value.precision() - value.scale() > 19 || value.scale() > 18) {
      throw BillingException.invalid(field(name), field(name) + " is out of range");
    }
    return value;
  }
}
