package io.tally.billing.web;

import static io.tally.billing.web.HostileValues.pick;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Hostile headers. Headers travel as ISO-8859-1, one byte per char, so a char from U+0080 to U+00FF
 * is sent as that raw byte. Kinds named {@code header:raw-*} are malformed at the HTTP level
 * (injected CR/LF, huge or raw-byte headers), which the connector may refuse on its own.
 */
final class HostileHeaders {

  private HostileHeaders() {}

  static void addHostile(SplittableRandom random, List<String> headers, List<String> kinds) {
    switch (random.nextInt(9)) {
      case 0 -> {
        replace(headers, "Content-Type", contentType(random));
        kinds.add("header:content-type");
      }
      case 1 -> {
        headers.add(
            "Accept: "
                + pick(
                    random,
                    List.of(
                        "text/html",
                        "application/xml",
                        "*/*;q=abc",
                        "",
                        "application/json;q=0",
                        "application/json;charset=ebcdic",
                        "image/*, text/*;q=0.5")));
        kinds.add("header:accept");
      }
      case 2 -> {
        replace(
            headers,
            "Idempotency-Key",
            pick(random, List.of("", " ", "k".repeat(300), "a\tb", "%00", "\"quoted\"")));
        kinds.add("header:idempotency-key");
      }
      case 3 -> {
        headers.add(
            pick(
                random,
                List.of(
                    "X-Fuzz: a\r\nSet-Cookie: JSESSIONID=stolen",
                    "X-Fuzz: a\r\n\r\nGET /api/v1/reconciliation HTTP/1.1",
                    "X-Fuzz: a\nX-Injected: b",
                    "X-Fuzz: a\rb",
                    "Idempotency-Key: a\r\nIdempotency-Key: b")));
        kinds.add("header:raw-crlf");
      }
      case 4 -> {
        headers.add(
            random.nextBoolean()
                ? "X-Fuzz: " + "a".repeat(100_000)
                : "Idempotency-Key: " + "k".repeat(10_000));
        kinds.add("header:raw-huge");
      }
      case 5 -> {
        for (int i = 0; i < 300; i++) {
          headers.add("X-Fuzz-" + i + ": " + i);
        }
        kinds.add("header:raw-many");
      }
      case 6 -> {
        String utf8 =
            new String(
                "\u043a\u043b\u044e\u0447".getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1);
        headers.add(
            pick(
                random,
                List.of(
                    "X-Fuzz: \u00ff\u00fe",
                    "Content-Language: \u00e9",
                    "Idempotency-Key: \u00e9t\u00e9",
                    "X-Fuzz: a\u0000b",
                    "X-Fuzz: " + utf8,
                    "Bad Header Name: x",
                    ": no name",
                    "X-Fuzz")));
        kinds.add("header:raw-bytes");
      }
      case 7 -> {
        headers.add("Authorization: Bearer tk_second_" + Long.toHexString(random.nextLong()));
        kinds.add("header:second-authorization");
      }
      default -> {
        headers.add(
            pick(
                random,
                List.of(
                    "X-Forwarded-For: 127.0.0.1, ' OR 1=1",
                    "X-HTTP-Method-Override: DELETE",
                    "Content-Encoding: gzip",
                    "Content-Language: !!!",
                    "Expect: 100-continue",
                    "Range: bytes=0-1",
                    "Cookie: JSESSIONID=forged; JSESSIONID=other")));
        kinds.add("header:odd");
      }
    }
  }

  private static String contentType(SplittableRandom random) {
    return pick(
        random,
        List.of(
            "text/plain",
            "application/json; charset=utf-16",
            "application/json; charset=nonsense",
            "application/xml",
            "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded",
            "",
            "application/json, text/html",
            "*/*",
            "application/json;;;",
            "application"));
  }

  private static void replace(List<String> headers, String name, String value) {
    headers.removeIf(header -> header.regionMatches(true, 0, name + ":", 0, name.length() + 1));
    headers.add(name + ": " + value);
  }
}
