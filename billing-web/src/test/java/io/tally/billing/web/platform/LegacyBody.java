package io.tally.billing.web.platform;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.platform.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParser;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * The reader that {@link Body} replaced (ece9cce), less Bean Validation, which is unchanged: the
 * text parsed twice, reshaped, written back and bound by JSON-B. The oracle of {@code
 * BodyOracleTest}.
 */
final class LegacyBody {

  private static final Jsonb JSONB = JsonbBuilder.create();

  private LegacyBody() {}

  static <T extends Record> T read(String text, Class<T> type) {
    return read(parse(text), type, "");
  }

  static <T extends Record> T read(JsonObject json, Class<T> type, String prefix) {
    JsonObject normal = LegacyBodyShape.normalize(json, type, prefix);
    try {
      return JSONB.fromJson(normal.toString(), type);
    } catch (JsonbException unbindable) {
      throw new BillingException(ErrorCode.MALFORMED_JSON, "the body could not be read");
    }
  }

  static JsonObject parse(String text) {
    if (text == null || text.isBlank()) {
      throw new BillingException(ErrorCode.MALFORMED_JSON, "a JSON object body is required");
    }
    try {
      refuseDuplicateKeys(text);
      return onlyObject(text);
    } catch (BillingException refused) {
      throw refused;
    } catch (RuntimeException unreadable) {
      throw new BillingException(ErrorCode.MALFORMED_JSON, "the body is not valid JSON");
    }
  }

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
