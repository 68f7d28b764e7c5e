package io.tally.billing.web.platform;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.platform.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import java.util.HashSet;
import java.util.Set;

/**
 * One walk of a {@link JsonParser} over a body's text that builds its value and refuses on the way
 * what JSON-P would let through: a key given twice in one object (JSON-P keeps the last value
 * silently: {@code "amount":"1","amount":"1000"}) and anything after the value (a reader stops
 * after the first value, so {@code {...} garbage} would be taken for the object). The refusals are
 * those of the three passes it replaces, in the same order: the first fault in the text wins; a
 * body that is valid JSON but not an object is told so; a number too long for the parser to hold
 * counts as invalid JSON only after that.
 */
final class BodyParser {

  private static final JsonProvider JSON = JsonProvider.provider();

  private final JsonParser parser;

  /** Set by a number the parser refuses to materialize; reported once the text is known valid. */
  private boolean unreadableNumber;

  private BodyParser(JsonParser parser) {
    this.parser = parser;
  }

  /** The one JSON object {@code text} holds. */
  static JsonObject parse(String text) {
    if (text == null || text.isBlank()) {
      throw new BillingException(ErrorCode.MALFORMED_JSON, "a JSON object body is required");
    }
    JsonValue value;
    boolean unreadableNumber;
    try (JsonParser parser = Json.parser(text)) {
      BodyParser walk = new BodyParser(parser);
      value = walk.value(parser.next());
      if (parser.hasNext()) {
        // Parsson throws at a token after the top-level value; any other parser may answer here.
        throw new BillingException(
            ErrorCode.MALFORMED_JSON, "the body must hold one JSON object and nothing after it");
      }
      unreadableNumber = walk.unreadableNumber;
    } catch (BillingException refused) {
      throw refused;
    } catch (RuntimeException unreadable) {
      // JsonParsingException, and the plain RuntimeException Parsson throws past its depth limit.
      throw new BillingException(ErrorCode.MALFORMED_JSON, "the body is not valid JSON");
    }
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw new BillingException(ErrorCode.MALFORMED_JSON, "the body must be a JSON object");
    }
    if (unreadableNumber) {
      throw new BillingException(ErrorCode.MALFORMED_JSON, "the body is not valid JSON");
    }
    return value.asJsonObject();
  }

  private JsonValue value(JsonParser.Event event) {
    return switch (event) {
      case START_OBJECT -> object();
      case START_ARRAY -> array();
      case VALUE_TRUE -> JsonValue.TRUE;
      case VALUE_FALSE -> JsonValue.FALSE;
      case VALUE_NULL -> JsonValue.NULL;
      case VALUE_NUMBER -> number();
      default -> parser.getValue();
    };
  }

  private JsonValue object() {
    JsonObjectBuilder object = JSON.createObjectBuilder();
    Set<String> keys = new HashSet<>();
    while (parser.next() != JsonParser.Event.END_OBJECT) {
      String key = parser.getString();
      if (!keys.add(key)) {
        throw new BillingException(
            ErrorCode.MALFORMED_JSON, "the key \"" + key + "\" appears twice in one object");
      }
      object.add(key, value(parser.next()));
    }
    return object.build();
  }

  private JsonValue array() {
    JsonArrayBuilder array = JSON.createArrayBuilder();
    JsonParser.Event event;
    while ((event = parser.next()) != JsonParser.Event.END_ARRAY) {
      array.add(value(event));
    }
    return array.build();
  }

  /**
   * Parsson refuses to make a number of more than its limit of digits (1,100), but only when asked
   * for it; the text goes on being checked, as it was when keys were checked in a pass of their
   * own.
   */
  private JsonValue number() {
    try {
      return parser.getValue();
    } catch (RuntimeException tooLong) {
      unreadableNumber = true;
      return JsonValue.NULL;
    }
  }
}
