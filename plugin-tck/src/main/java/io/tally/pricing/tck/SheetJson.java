package io.tally.pricing.tck;

import io.tally.pricing.spi.PriceSheet;
import io.tally.pricing.spi.PricingPlugin;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The server stores a model's sheet as JSON and prices with what it reads back: numbers as {@link
 * BigDecimal}, texts, booleans, objects and arrays. A sheet must mean the same after that trip, so
 * the kit writes each sample sheet, reads it back with {@link JsonReader}, and requires the plugin
 * to validate, price and describe it as it did the original. A value JSON cannot carry (a {@code
 * double}, a plugin's own type) fails here rather than in production.
 */
final class SheetJson {

  private SheetJson() {}

  static void checkRoundTrip(Subject subject) {
    PricingPlugin plugin = subject.plugin();
    Problems problems = new Problems("JSON round trip");
    for (Sample sample : subject.samples()) {
      String name = "sample '" + sample.name() + "'";
      String json;
      PriceSheet back;
      try {
        json = write(sample.sheet());
        back = read(json);
      } catch (IllegalArgumentException notJson) {
        problems.add(name + ": " + notJson.getMessage());
        continue;
      }
      if (!json.equals(write(back))) {
        problems.add(name + ": " + json + " reads back as " + write(back));
      }
      try {
        plugin.validate(back);
      } catch (RuntimeException refused) {
        problems.add(name + " read back from " + json + " is refused: " + refused);
        continue;
      }
      for (int i = 0; i < sample.calls().size(); i++) {
        Outcome original = Outcome.of(plugin, sample.sheet(), sample.calls().get(i));
        Outcome read = Outcome.of(plugin, back, sample.calls().get(i));
        if (!original.equals(read)) {
          problems.add(
              name
                  + ", call #"
                  + (i + 1)
                  + " read back from "
                  + json
                  + " "
                  + read
                  + ", the original "
                  + original);
        }
      }
      if (!Objects.equals(plugin.describe(sample.sheet()), plugin.describe(back))) {
        problems.add(name + " read back from " + json + " is described differently");
      }
    }
    problems.throwIfAny();
  }

  /** {@code {"mode":"per_image","pricePerImage":"0.003"}}: the mode first, then keys in order. */
  static String write(PriceSheet sheet) {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("mode", sheet.mode());
    object.putAll(new TreeMap<>(sheet.values()));
    StringBuilder out = new StringBuilder();
    value(out, object, "pricing");
    return out.toString();
  }

  static PriceSheet read(String json) {
    if (!(new JsonReader(json).document() instanceof Map<?, ?> object)) {
      throw new IllegalArgumentException(json + " is not a JSON object");
    }
    Map<String, Object> values = new LinkedHashMap<>();
    object.forEach((key, value) -> values.put(key.toString(), value));
    Object mode = values.remove("mode");
    return new PriceSheet(mode instanceof String text ? text : null, values);
  }

  private static void value(StringBuilder out, Object value, String path) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String text) {
      string(out, text);
    } else if (value instanceof Boolean flag) {
      out.append(flag);
    } else if (value instanceof BigDecimal decimal) {
      out.append(decimal.toString());
    } else if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof BigInteger) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      String separator = "";
      // A nested object keeps its order, as the server's JSON does: rate tiers read as written.
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        out.append(separator);
        string(out, entry.getKey().toString());
        out.append(':');
        value(out, entry.getValue(), path + "." + entry.getKey());
        separator = ",";
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        out.append(i == 0 ? "" : ",");
        value(out, list.get(i), path + "[" + i + "]");
      }
      out.append(']');
    } else {
      throw new IllegalArgumentException(
          path
              + " is a "
              + value.getClass().getName()
              + ", which a JSON sheet cannot carry; use a BigDecimal, a String, a Boolean,"
              + " a Map or a List");
    }
  }

  private static void string(StringBuilder out, String text) {
    out.append('"');
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
