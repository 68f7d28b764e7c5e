package io.tally.billing.web;

import static io.tally.billing.web.HostileValues.pick;
import static io.tally.billing.web.HostileValues.utf8;

import io.tally.billing.web.FuzzTargets.Field;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Request bodies: a valid one with odd values, or one refused by construction (malformed, a
 * duplicate or unknown key, a value of a type its field cannot take, nested past the parser's
 * limit, invalid UTF-8, or 1 MB).
 */
final class HostileBodies {

  private HostileBodies() {}

  static byte[] make(
      List<Field> fields, boolean refused, SplittableRandom random, List<String> kinds) {
    List<String[]> entries = new ArrayList<>();
    fields.forEach(field -> entries.add(new String[] {field.name(), field.json()}));
    if (random.nextBoolean()) {
      oddValue(fields, entries, random);
      kinds.add("body:odd-value");
    }
    if (!refused) {
      return utf8(write(entries));
    }
    int roll = random.nextInt(12);
    String kind =
        switch (roll) {
          case 0, 1 -> wrongType(fields, entries, random);
          case 2 -> duplicateKey(entries, random);
          case 3 -> unknownField(entries, random);
          default -> "malformed";
        };
    kinds.add("body:" + kind + (roll > 3 ? "-" + roll : ""));
    String json = write(entries);
    return switch (roll) {
      case 4 -> utf8(json.substring(0, random.nextInt(json.length())));
      case 5 -> utf8(json + pick(random, List.of("x", "}", ",", "{}", "\u0000", " //", "]", json)));
      case 6 ->
          utf8(
              pick(
                  random,
                  List.of("[" + json + "]", "null", "\"" + json + "\"", "42", "true", "[]")));
      case 7 -> utf8(random.nextBoolean() ? "[".repeat(10_000) : "{\"a\":".repeat(10_000) + "1");
      case 8 -> withInvalidUtf8(json, random);
      case 9 -> utf8(pick(random, List.of("", " ", "\r\n", "\u0000", "\ufeff")));
      case 10 -> megabyte(entries, random);
      case 11 -> utf8(nestedField(entries, random));
      default -> utf8(json);
    };
  }

  private static void oddValue(
      List<Field> fields, List<String[]> entries, SplittableRandom random) {
    int at = random.nextInt(fields.size());
    entries.get(at)[1] =
        switch (fields.get(at).kind()) {
          case TEXT -> "\"" + HostileValues.oddText(random) + "\"";
          case NUMBER -> pick(random, HostileValues.ODD_NUMBERS);
          default -> entries.get(at)[1];
        };
  }

  private static String wrongType(
      List<Field> fields, List<String[]> entries, SplittableRandom random) {
    int at = random.nextInt(fields.size());
    entries.get(at)[1] =
        pick(
            random,
            switch (fields.get(at).kind()) {
              case TEXT -> HostileValues.REFUSED_FOR_TEXT;
              case NUMBER -> HostileValues.REFUSED_NUMBERS;
              case BOOLEAN -> HostileValues.REFUSED_FOR_BOOLEAN;
              case OBJECT -> HostileValues.REFUSED_FOR_OBJECT;
              case ARRAY -> HostileValues.REFUSED_FOR_ARRAY;
            });
    return "wrong-type";
  }

  private static String duplicateKey(List<String[]> entries, SplittableRandom random) {
    String[] twice = entries.get(random.nextInt(entries.size()));
    entries.add(
        random.nextInt(entries.size() + 1),
        new String[] {twice[0], pick(random, HostileValues.REFUSED_NUMBERS)});
    return "duplicate-key";
  }

  private static String unknownField(List<String[]> entries, SplittableRandom random) {
    String value = "\"" + HostileValues.oddText(random) + "\"";
    entries.add(
        random.nextInt(entries.size() + 1),
        new String[] {HostileValues.unknownName(random), value});
    return "unknown-field";
  }

  private static byte[] withInvalidUtf8(String json, SplittableRandom random) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int brace = random.nextBoolean() ? 0 : 1; // before the object, or right after its '{'
    out.writeBytes(utf8(json.substring(0, brace)));
    out.writeBytes(HostileValues.invalidUtf8(random));
    out.writeBytes(utf8(json.substring(brace)));
    return out.toByteArray();
  }

  /** A body of about 1 MB: an unknown field holding a huge string or array. */
  private static byte[] megabyte(List<String[]> entries, SplittableRandom random) {
    String huge =
        random.nextBoolean()
            ? "\"" + "\u00e9".repeat(512 * 1024) + "\""
            : "[" + "1,".repeat(512 * 1024) + "1]";
    entries.add(new String[] {"padding", huge});
    return utf8(write(entries));
  }

  /** A field nested deeper than the parser allows. */
  private static String nestedField(List<String[]> entries, SplittableRandom random) {
    int depth = 2_000 + random.nextInt(8_000);
    entries.get(random.nextInt(entries.size()))[1] = "[".repeat(depth) + "]".repeat(depth);
    return write(entries);
  }

  private static String write(List<String[]> entries) {
    StringBuilder json = new StringBuilder("{");
    for (String[] entry : entries) {
      json.append(json.length() > 1 ? "," : "")
          .append('"')
          .append(entry[0])
          .append("\":")
          .append(entry[1]);
    }
    return json.append('}').toString();
  }
}
