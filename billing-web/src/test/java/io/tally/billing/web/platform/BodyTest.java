package io.tally.billing.web.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.ErrorCode;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one-pass reading of a body: parse with its refusals, then the record bound by shape. */
class BodyTest {

  enum Mode {
    FAST,
    SLOW
  }

  record Part(String model, Long durationMs, JsonObject parameters) {}

  record Order(
      String name,
      Long count,
      BigDecimal amount,
      Boolean enabled,
      Instant at,
      Mode mode,
      Part main,
      List<Part> parts,
      List<BigDecimal> amounts) {}

  record Nest(String label, Nest inner) {}

  private static Order read(String text) {
    return BodyShape.bind(BodyParser.parse(text), Order.class, "");
  }

  private static BillingException refused(String text) {
    return assertThrows(BillingException.class, () -> read(text), text);
  }

  private static void assertRefused(String text, ErrorCode code, String message, String field) {
    BillingException refused = refused(text);
    assertEquals(code, refused.code(), text);
    assertEquals(message, refused.getMessage(), text);
    assertEquals(field, refused.field(), text);
  }

  private static void assertMalformed(String text, String message) {
    assertRefused(text, ErrorCode.MALFORMED_JSON, message, null);
  }

  @Test
  void bindsNestedRecordsListsAndEveryComponentType() {
    Order order =
        read(
            """
            {"name":"  Ada  ","count":"42","amount":1.250000,"enabled":true,
             "at":"2026-05-01","mode":"SLOW",
             "main":{"model":"m","durationMs":1234,"parameters":{"numImages":2,"q":"hd"}},
             "parts":[{"model":"a"},{"model":"b","durationMs":5.0}],
             "amounts":["0.100000",0.2]}
            """);
    assertEquals("Ada", order.name());
    assertEquals(42L, order.count());
    assertEquals(new BigDecimal("1.25"), order.amount());
    assertEquals(Boolean.TRUE, order.enabled());
    assertEquals(Instant.parse("2026-05-01T00:00:00Z"), order.at());
    assertEquals(Mode.SLOW, order.mode());
    assertEquals("m", order.main().model());
    assertEquals(1234L, order.main().durationMs());
    assertEquals(2, order.main().parameters().getInt("numImages"));
    assertEquals("hd", order.main().parameters().getString("q"));
    assertEquals(List.of(new Part("a", null, null), new Part("b", 5L, null)), order.parts());
    assertEquals(List.of(new BigDecimal("0.1"), new BigDecimal("0.2")), order.amounts());
    Nest nest = BodyShape.bind(BodyParser.parse("{\"inner\":{\"label\":\"x\"}}"), Nest.class, "");
    assertEquals(new Nest(null, new Nest("x", null)), nest);
  }

  @Test
  void keepsAmountsExactToTheMicroDollar() {
    assertEquals(new BigDecimal("0.000001"), read("{\"amount\":0.000001}").amount());
    assertEquals(new BigDecimal("0.1"), read("{\"amount\":0.1}").amount());
    assertEquals(new BigDecimal("1E+2"), read("{\"amount\":\"100.000\"}").amount());
    assertEquals(
        new BigDecimal("123456789.123456"), read("{\"amount\":\"123456789.123456\"}").amount());
    assertRefused(
        "{\"amount\":1e999999999}", ErrorCode.INVALID_FIELD, "amount is out of range", "amount");
    assertRefused(
        "{\"amount\":\"0.0000000000000000001\"}",
        ErrorCode.INVALID_FIELD,
        "amount is out of range",
        "amount");
  }

  @Test
  void leavesNullsAndAbsentFieldsNullButRefusesANullInAList() {
    Order order = read("{\"name\":null,\"main\":null,\"parts\":null}");
    assertNull(order.name());
    assertNull(order.main());
    assertNull(order.parts());
    assertRefused(
        "{\"parts\":[{\"model\":\"a\"},null]}",
        ErrorCode.INVALID_FIELD,
        "parts[1] must not be null",
        "parts[1]");
  }

  @Test
  void refusesWrongTypesByPath() {
    assertRefused("{\"name\":5}", ErrorCode.INVALID_FIELD, "name must be a string", "name");
    assertRefused("{\"count\":\"x\"}", ErrorCode.INVALID_FIELD, "count must be a number", "count");
    assertRefused(
        "{\"count\":1.5}", ErrorCode.INVALID_FIELD, "count must be a whole number", "count");
    assertRefused(
        "{\"enabled\":\"true\"}",
        ErrorCode.INVALID_FIELD,
        "enabled must be true or false",
        "enabled");
    assertRefused(
        "{\"at\":\"May 1st\"}",
        ErrorCode.INVALID_FIELD,
        "at must be an ISO-8601 instant or date, like 2026-05-01T00:00:00Z",
        "at");
    assertRefused(
        "{\"mode\":\"fast\"}", ErrorCode.INVALID_FIELD, "mode must be one of [FAST, SLOW]", "mode");
    assertRefused("{\"main\":[]}", ErrorCode.INVALID_FIELD, "main must be an object", "main");
    assertRefused("{\"parts\":{}}", ErrorCode.INVALID_FIELD, "parts must be an array", "parts");
    assertRefused(
        "{\"parts\":[{\"model\":\"a\"},{\"durationMs\":true}]}",
        ErrorCode.INVALID_FIELD,
        "parts[1].durationMs must be a number",
        "parts[1].durationMs");
    assertRefused(
        "{\"main\":{\"parameters\":\"x\"}}",
        ErrorCode.INVALID_FIELD,
        "main.parameters must be an object",
        "main.parameters");
  }

  @Test
  void refusesUnknownFieldsFirstAndThenInTheRecordsOrder() {
    assertRefused(
        "{\"count\":\"x\",\"colour\":1}",
        ErrorCode.UNKNOWN_FIELD,
        "unknown field colour",
        "colour");
    assertRefused(
        "{\"parts\":[{\"model\":\"a\",\"colour\":1}]}",
        ErrorCode.UNKNOWN_FIELD,
        "unknown field parts[0].colour",
        "parts[0].colour");
    assertRefused(
        "{\"mode\":1,\"count\":\"x\"}", ErrorCode.INVALID_FIELD, "count must be a number", "count");
  }

  @Test
  void refusesAKeyGivenTwiceAtAnyDepthWhereverItIs() {
    String twice = "the key \"model\" appears twice in one object";
    assertMalformed("{\"main\":{\"model\":\"a\",\"model\":\"b\"}}", twice);
    assertMalformed("{\"parts\":[{},{\"x\":[{\"model\":1,\"model\":2}]}]}", twice);
    assertMalformed("[{\"model\":1,\"model\":2}]", twice);
    // The first fault in the text wins.
    assertMalformed("{\"model\":1,\"model\":2,}", twice);
    assertMalformed("{\"a\":1,,\"model\":1,\"model\":2}", "the body is not valid JSON");
    assertMalformed(
        "{\"count\":1" + "0".repeat(2000) + ",\"count\":1}",
        "the key \"count\" appears twice in one object");
  }

  @Test
  void refusesAnythingAfterTheObject() {
    for (String tail : List.of(" x", "}", ",", "{}", "\u0000", " //", "]", "{\"name\":\"b\"}")) {
      assertMalformed("{\"name\":\"a\"}" + tail, "the body is not valid JSON");
    }
    assertEquals("a", read("{\"name\":\"a\"} \r\n\t").name());
  }

  @Test
  void refusesWhatIsNotOneObject() {
    for (String text : List.of("[]", "42", "\"{}\"", "null", "true", "[{\"a\":1}]")) {
      assertMalformed(text, "the body must be a JSON object");
    }
    assertMalformed("[1" + "0".repeat(2000) + "]", "the body must be a JSON object");
    for (String text : List.of("", " ", "\r\n")) {
      assertMalformed(text, "a JSON object body is required");
    }
    for (String text : List.of("\u0000", "\ufeff", "{", "{\"name\":", "{'name':'a'}")) {
      assertMalformed(text, "the body is not valid JSON");
    }
    assertMalformed("{\"count\":1" + "0".repeat(2000) + "}", "the body is not valid JSON");
  }

  @Test
  void refusesNestingPastTheParsersLimit() {
    assertMalformed("[".repeat(10_000), "the body is not valid JSON");
    assertMalformed("{\"a\":".repeat(10_000) + "1", "the body is not valid JSON");
    String deep = "[".repeat(2_000) + "]".repeat(2_000);
    assertMalformed("{\"name\":" + deep + "}", "the body is not valid JSON");
    String within = "[".repeat(500) + "]".repeat(500);
    assertRefused(
        "{\"name\":" + within + "}", ErrorCode.INVALID_FIELD, "name must be a string", "name");
  }
}
