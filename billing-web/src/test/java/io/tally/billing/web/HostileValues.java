package io.tally.billing.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The raw material of {@link HostileRequests}: JSON values, texts, path segments and header values
 * that a careless or malicious client sends. "Refused" values are wrong for every field of their
 * kind, so a body carrying one can never be a valid request; "odd" values may be accepted by some
 * field and only ride along.
 */
final class HostileValues {

  private HostileValues() {}

  /** Numbers that no amount, id, duration or count accepts (as JSON numbers or strings). */
  static final List<String> REFUSED_NUMBERS =
      List.of(
          "1e999999",
          "-1e999999",
          "1e-999999",
          "\"1e999999\"",
          "1234567890123456789012345678901234567890",
          "-1234567890123456789012345678901234567890",
          "0.0000000000000000000000000000000000000001",
          "\"NaN\"",
          "\"Infinity\"",
          "\"-Infinity\"",
          "\"0x10\"",
          "\"1,5\"",
          "\"\"",
          "\" \"",
          "{}",
          "[]",
          "[1]",
          "true",
          "{\"value\":1}");

  /** Values of the wrong type for a text field. */
  static final List<String> REFUSED_FOR_TEXT =
      List.of("0", "-0", "1e999999", "true", "false", "{}", "[]", "[\"a\"]", "{\"a\":\"b\"}");

  /** Values of the wrong type for a boolean. */
  static final List<String> REFUSED_FOR_BOOLEAN =
      List.of("\"true\"", "1", "0", "\"yes\"", "{}", "[]", "[true]", "-0", "1e999999");

  /** Values of the wrong type for an object. */
  static final List<String> REFUSED_FOR_OBJECT =
      List.of("[]", "[{}]", "\"{}\"", "1", "true", "1e999999", "\"\"");

  /** Values of the wrong type for an array of objects. */
  static final List<String> REFUSED_FOR_ARRAY =
      List.of("{}", "[]", "\"[]\"", "1", "[1]", "[\"a\"]", "[[]]", "[null]", "true");

  /** Numbers that some field may accept, sent beside a refused mutation. */
  static final List<String> ODD_NUMBERS =
      List.of("-0", "0", "-1", "1E+2", "1e2", "0.0000001", "9223372036854775808", "1.5", "\"7\"");

  /** Texts that some field may accept: unicode of every awkward kind. */
  static String oddText(SplittableRandom random) {
    return switch (random.nextInt(10)) {
      case 0 -> "\\u0000nul";
      case 1 -> "\\ud800"; // a lone high surrogate, escaped
      case 2 -> "\\udc00\\ud800"; // surrogates in the wrong order
      case 3 -> "\u202e\u0645\u0631\u062d\u0628\u0627 rtl";
      case 4 -> "\ud83d\udcb8\ud83d\udcb0 emoji";
      case 5 -> "e\u0301\u0301\u0301 zalgo";
      case 6 -> "x".repeat(10_000);
      case 7 -> "\\\" quote \\\\ backslash \\n newline";
      case 8 -> "' OR 1=1 -- ";
      default -> "<script>alert(1)</script>";
    };
  }

  /** A field name no request knows. */
  static String unknownName(SplittableRandom random) {
    return switch (random.nextInt(6)) {
      case 0 -> "\\u0000";
      case 1 -> "";
      case 2 -> "__proto__";
      case 3 -> "\u202eamount";
      case 4 -> "k".repeat(5_000);
      default -> "amount ";
    };
  }

  /** A path segment where an id belongs: never an existing record. */
  static String pathSegment(SplittableRandom random) {
    List<String> segments =
        List.of(
            "0",
            "-1",
            "99999999999999999999",
            "9223372036854775808",
            "1e3",
            "abc",
            "%00",
            "%ff",
            "%",
            "%zz",
            "%2e%2e",
            "..",
            ".",
            "%2F",
            "%0d%0aSet-Cookie:x=1",
            "%e2%80%ae",
            "%ed%a0%80",
            "999999999;x=2",
            "999999999%20",
            "%00%27%22",
            "a".repeat(3_000),
            "999999999");
    return segments.get(random.nextInt(segments.size()));
  }

  /** A hostile query string value (already percent-encoded where it needs to be). */
  static String queryValue(SplittableRandom random) {
    List<String> values =
        List.of(
            "-1",
            "0",
            "1e999999",
            "99999999999999999999",
            "%00",
            "%ff",
            "%",
            "abc",
            "%27%22",
            "2026-13-45",
            "9999-12-31T23:59:59Z",
            "-999999999-01-01",
            "x".repeat(5_000),
            "1&limit=2&limit=3",
            "%e2%80%ae",
            "");
    return values.get(random.nextInt(values.size()));
  }

  /** Bytes that are not UTF-8: a lone continuation byte, an overlong form, a surrogate. */
  static byte[] invalidUtf8(SplittableRandom random) {
    byte[][] choices = {
      {(byte) 0xff},
      {(byte) 0x80},
      {(byte) 0xc0, (byte) 0xaf},
      {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
      {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
      {(byte) 0xfe, (byte) 0xfe},
    };
    return choices[random.nextInt(choices.length)];
  }

  static <T> T pick(SplittableRandom random, List<T> from) {
    return from.get(random.nextInt(from.size()));
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
