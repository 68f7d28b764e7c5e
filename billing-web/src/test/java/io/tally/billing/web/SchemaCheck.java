package io.tally.billing.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * Whether a JSON answer matches an OpenAPI schema: each property's JSON type, the required ones
 * present, and no property the schema does not declare (an undocumented field a generated client
 * would drop).
 */
final class SchemaCheck {

  private static final String COMPONENT = "#/components/schemas/";

  private SchemaCheck() {}

  static void check(
      OpenAPI document, JsonValue value, Schema<?> schema, String at, List<String> problems) {
    if (schema.get$ref() != null) {
      String name = schema.get$ref().substring(COMPONENT.length());
      Schema<?> named = document.getComponents().getSchemas().get(name);
      if (named == null) {
        problems.add(at + ": no schema " + name);
        return;
      }
      check(document, value, named, at, problems);
      return;
    }
    if (value.getValueType() == JsonValue.ValueType.NULL) {
      return;
    }
    String type =
        schema.getType() != null
            ? schema.getType()
            : schema.getProperties() != null ? "object" : null;
    if (type == null) {
      return;
    }
    switch (type) {
      case "object" -> object(document, value, schema, at, problems);
      case "array" -> {
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
          problems.add(at + ": not an array: " + value);
          return;
        }
        List<JsonValue> items = value.asJsonArray();
        for (int i = 0; i < items.size(); i++) {
          check(document, items.get(i), schema.getItems(), at + "[" + i + "]", problems);
        }
      }
      case "string" -> {
        if (!(value instanceof JsonString string)) {
          problems.add(at + ": not a string: " + value);
        } else if (schema.getEnum() != null
            && !schema.getEnum().stream()
                .map(String::valueOf)
                .toList()
                .contains(string.getString())) {
          problems.add(at + ": " + string + " not one of " + schema.getEnum());
        }
      }
      case "integer" -> {
        if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
          problems.add(at + ": not an integer: " + value);
        }
      }
      case "number" -> {
        if (!(value instanceof JsonNumber)) {
          problems.add(at + ": not a number: " + value);
        }
      }
      case "boolean" -> {
        if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
          problems.add(at + ": not a boolean: " + value);
        }
      }
      default -> problems.add(at + ": unknown type " + type);
    }
  }

  private static void object(
      OpenAPI document, JsonValue value, Schema<?> schema, String at, List<String> problems) {
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      problems.add(at + ": not an object: " + value);
      return;
    }
    JsonObject object = value.asJsonObject();
    if (schema.getRequired() != null) {
      for (String name : schema.getRequired()) {
        if (!object.containsKey(name)) {
          problems.add(at + ": lacks required " + name);
        }
      }
    }
    var properties = schema.getProperties();
    object.forEach(
        (name, item) -> {
          if (properties != null && properties.containsKey(name)) {
            check(document, item, properties.get(name), at + "." + name, problems);
          } else if (properties != null
              && !Boolean.TRUE.equals(schema.getAdditionalProperties())
              && !(schema.getAdditionalProperties() instanceof Schema)) {
            problems.add(at + ": undeclared property " + name);
          }
        });
  }
}
