package io.tally.billing.platform;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between JSON and the plain values pricing works with: numbers become {@link BigDecimal}
 * (exact, never binary floating point), objects ordered maps, arrays lists.
 */
public final class Json {

  /**
   * Looked up once: {@code jakarta.json.Json}'s static methods search the class path for a provider
   * on every call, which cost a fifth of the server's CPU under load.
   */
  private static final JsonProvider PROVIDER = JsonProvider.provider();

  private Json() {}

  /** A streaming parser over {@code text}, from the cached provider. */
  public static JsonParser parser(String text) {
    return PROVIDER.createParser(new StringReader(text));
  }

  /** Parses any JSON value; throws {@link jakarta.json.JsonException} on malformed text. */
  public static JsonValue parse(String text) {
    try (JsonReader reader = PROVIDER.createReader(new StringReader(text))) {
      return reader.readValue();
    }
  }

  public static Object toJava(JsonValue value) {
    return switch (value.getValueType()) {
      case STRING -> ((JsonString) value).getString();
      case NUMBER -> ((JsonNumber) value).bigDecimalValue();
      case TRUE -> Boolean.TRUE;
      case FALSE -> Boolean.FALSE;
      case NULL -> null;
      case OBJECT -> toMap(value.asJsonObject());
      case ARRAY -> toList(value.asJsonArray());
    };
  }

  public static Map<String, Object> toMap(JsonObject object) {
    Map<String, Object> map = new LinkedHashMap<>();
    object.forEach((key, value) -> map.put(key, toJava(value)));
    return map;
  }

  private static List<Object> toList(JsonArray array) {
    List<Object> list = new ArrayList<>();
    array.forEach(value -> list.add(toJava(value)));
    return list;
  }

  public static JsonValue toJson(Object value) {
    if (value == null) {
      return JsonValue.NULL;
    }
    if (value instanceof String text) {
      return PROVIDER.createValue(text);
    }
    if (value instanceof BigDecimal decimal) {
      return PROVIDER.createValue(decimal);
    }
    if (value instanceof Number number) {
      return PROVIDER.createValue(new BigDecimal(number.toString()));
    }
    if (value instanceof Boolean bool) {
      return bool ? JsonValue.TRUE : JsonValue.FALSE;
    }
    if (value instanceof Map<?, ?> map) {
      JsonObjectBuilder builder = PROVIDER.createObjectBuilder();
      map.forEach((key, item) -> builder.add(key.toString(), toJson(item)));
      return builder.build();
    }
    if (value instanceof List<?> list) {
      JsonArrayBuilder builder = PROVIDER.createArrayBuilder();
      list.forEach(item -> builder.add(toJson(item)));
      return builder.build();
    }
    throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
  }

  public static String write(Object value) {
    return toJson(value).toString();
  }

  public static Map<String, Object> readObject(String text) {
    return toMap(parse(text).asJsonObject());
  }

  public static List<Object> readArray(String text) {
    return toList(parse(text).asJsonArray());
  }
}
