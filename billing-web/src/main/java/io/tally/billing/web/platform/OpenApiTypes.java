package io.tally.billing.web.platform;

import jakarta.json.JsonObject;
import jakarta.validation.constraints.NotNull;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * The schemas of the API's records, from the records themselves: each component's JSON type, its
 * description and example (MicroProfile's {@code @Schema} on it), and whether it is required
 * ({@code @NotNull}). Payara's own scan types a record of a library jar (every view) as a bare
 * object and inlines the rest, so no client could be generated from it.
 */
final class OpenApiTypes {

  private static final String COMPONENTS = "#/components/schemas/";

  /** Every named schema met so far, by name. */
  private final Map<String, Schema> named = new TreeMap<>();

  Map<String, Schema> named() {
    return named;
  }

  /** The schema of {@code type}: a reference for a record, inline for anything else. */
  Schema of(Type type) {
    Class<?> raw = raw(type);
    if (raw == String.class) {
      return schema(Schema.SchemaType.STRING);
    }
    if (raw == long.class || raw == Long.class || raw == int.class || raw == Integer.class) {
      return schema(Schema.SchemaType.INTEGER)
          .format(raw == int.class || raw == Integer.class ? "int32" : "int64");
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return schema(Schema.SchemaType.BOOLEAN);
    }
    if (raw == BigDecimal.class) {
      // Tally writes amounts as decimal strings and reads strings or numbers.
      return schema(Schema.SchemaType.STRING).format("decimal");
    }
    if (raw == Instant.class) {
      return schema(Schema.SchemaType.STRING).format("date-time");
    }
    if (raw.isEnum()) {
      return schema(Schema.SchemaType.STRING)
          .enumeration(
              Arrays.stream(raw.getEnumConstants()).map(c -> (Object) c.toString()).toList());
    }
    if (List.class.isAssignableFrom(raw) && type instanceof ParameterizedType list) {
      return schema(Schema.SchemaType.ARRAY).items(of(list.getActualTypeArguments()[0]));
    }
    if (raw.isRecord()) {
      return OASFactory.createSchema().ref(COMPONENTS + record(raw));
    }
    // JsonObject, Map and Object: a free-form object (parameters, price sheets, audit states).
    return schema(Schema.SchemaType.OBJECT).additionalPropertiesBoolean(Boolean.TRUE);
  }

  /** Names the record's schema, building it the first time. */
  private String record(Class<?> type) {
    var annotation =
        type.getAnnotation(org.eclipse.microprofile.openapi.annotations.media.Schema.class);
    String name =
        annotation != null && !annotation.name().isEmpty()
            ? annotation.name()
            : type.getSimpleName();
    if (named.containsKey(name)) {
      return name;
    }
    Schema schema = schema(Schema.SchemaType.OBJECT);
    named.put(name, schema);
    if (annotation != null && !annotation.description().isEmpty()) {
      schema.description(annotation.description());
    }
    List<String> required = new ArrayList<>();
    for (RecordComponent component : type.getRecordComponents()) {
      Field field = field(type, component.getName());
      Schema property = property(component, field);
      schema.addProperty(component.getName(), property);
      if (component.getType().isPrimitive() || field.isAnnotationPresent(NotNull.class)) {
        required.add(component.getName());
      }
    }
    if (!required.isEmpty()) {
      schema.required(required);
    }
    return name;
  }

  private Schema property(RecordComponent component, Field field) {
    var annotation =
        field.getAnnotation(org.eclipse.microprofile.openapi.annotations.media.Schema.class);
    Schema property;
    if (annotation != null && annotation.ref().length() > 0) {
      return OASFactory.createSchema().ref(COMPONENTS + annotation.ref());
    }
    if (annotation != null && annotation.implementation() != Void.class) {
      Schema item = of(annotation.implementation());
      property =
          List.class.isAssignableFrom(component.getType())
              ? schema(Schema.SchemaType.ARRAY).items(item)
              : item;
    } else {
      property = of(component.getGenericType());
    }
    if (annotation == null || property.getRef() != null) {
      return property;
    }
    if (!annotation.description().isEmpty()) {
      property.description(annotation.description());
    }
    if (!annotation.example().isEmpty()) {
      property.example(example(annotation.example(), property, component.getType()));
    }
    if (annotation.maxLength() != Integer.MAX_VALUE) {
      property.maxLength(annotation.maxLength());
    }
    if (!annotation.minimum().isEmpty()) {
      property.minimum(new BigDecimal(annotation.minimum()));
    }
    if (annotation.maxItems() != Integer.MIN_VALUE) {
      property.maxItems(annotation.maxItems());
    }
    if (annotation.minItems() != Integer.MAX_VALUE) {
      property.minItems(annotation.minItems());
    }
    return property;
  }

  /** An example in the property's own JSON type: a number for ids, an object for parameters. */
  private static Object example(String text, Schema property, Class<?> type) {
    if (property.getType() == Schema.SchemaType.INTEGER) {
      return Long.valueOf(text);
    }
    if (type == JsonObject.class || type == Map.class) {
      var object = new TreeMap<String, Object>();
      io.tally.billing.platform.Json.readObject(text).forEach(object::put);
      return object;
    }
    return text;
  }

  private static Schema schema(Schema.SchemaType type) {
    return OASFactory.createSchema().type(type);
  }

  private static Field field(Class<?> type, String name) {
    try {
      return type.getDeclaredField(name);
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("a record without its component's field: " + name, e);
    }
  }

  static Class<?> raw(Type type) {
    return type instanceof ParameterizedType generic
        ? (Class<?>) generic.getRawType()
        : (Class<?>) type;
  }
}
