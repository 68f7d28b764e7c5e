package io.tally.billing.web.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.billing.api.BillingException;
import io.tally.billing.web.account.OpenAccountBody;
import io.tally.billing.web.payment.AutoRechargeBody;
import io.tally.billing.web.pricing.ModelBody;
import io.tally.billing.web.usage.BatchBody;
import io.tally.billing.web.usage.UsageBody;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The one-pass reader answers every body as the three-pass reader it replaced did ({@link
 * LegacyBody}, JSON-B included): the same record, or the same refusal with the same error, message
 * and field. Bodies are real request records' samples, mutated at random.
 */
class BodyOracleTest {

  private record Sample(Class<? extends Record> type, String json) {}

  private static final List<Sample> SAMPLES =
      List.of(
          new Sample(
              UsageBody.class,
              "{\"requestId\":\"r-1\",\"accountId\":5,\"model\":\"m\",\"durationMs\":1234,"
                  + "\"parameters\":{\"numImages\":2,\"q\":\"hd\",\"x\":1.50},"
                  + "\"startedAt\":\"2026-05-01T12:00:00Z\",\"outcome\":\"failed\",\"queueMs\":3}"),
          new Sample(
              UsageBody.class,
              "{\"requestId\":\"r-2\",\"accountId\":\"5\",\"workflow\":\"w\",\"source\":\"api\","
                  + "\"parts\":[{\"model\":\"a\",\"durationMs\":10},"
                  + "{\"model\":\"b\",\"parameters\":{\"w\":64},\"coldStartMs\":7}]}"),
          new Sample(
              BatchBody.class,
              "{\"events\":[{\"requestId\":\"a\",\"accountId\":1},{\"requestId\":\"b\"}]}"),
          new Sample(
              OpenAccountBody.class,
              "{\"email\":\"Ada@Example.com\",\"name\":\" Ada \",\"billingMode\":\"POSTPAID\","
                  + "\"creditLimit\":\"500.00\"}"),
          new Sample(
              AutoRechargeBody.class,
              "{\"enabled\":true,\"threshold\":5,\"amount\":\"20.000000\","
                  + "\"paymentMethod\":\"pm_card_visa\"}"),
          new Sample(
              ModelBody.class,
              "{\"family\":\"image\",\"name\":\"n\",\"gpu\":\"H100\","
                  + "\"pricing\":{\"mode\":\"per_second\",\"ratePerSecond\":\"0.002\"},"
                  + "\"failedCalls\":{\"minimum\":\"0.01\",\"share\":0.5}}"));

  private static final List<String> ODD_VALUES =
      List.of(
          "\"x\"",
          "\"  padded  \"",
          "\"\"",
          "1",
          "-1",
          "0",
          "-0",
          "1.5",
          "1.0",
          "5.000",
          "1e2",
          "\"1e2\"",
          "\" 12 \"",
          "\"12.50\"",
          "true",
          "false",
          "null",
          "{}",
          "[]",
          "[null]",
          "[1]",
          "[\"a\"]",
          "{\"a\":1}",
          "\"2026-05-01\"",
          "\"2026-05-01T00:00:00Z\"",
          "\"2026-13-01\"",
          "\"PREPAID\"",
          "\"prepaid\"",
          "12345678901234567890",
          "99999999999999999999999",
          "1e999999999",
          "\"0.0000000000000000001\"",
          "0.000001",
          "\"\\u00e9\\n\\u0000\"",
          "[{\"model\":\"m\"}]",
          "[{\"model\":\"m\",\"colour\":1}]",
          "[{\"model\":5}]",
          "[{},null]",
          "{\"mode\":\"x\",\"mode\":\"y\"}",
          "\"api\"",
          "\"editor\"",
          "\"failed\"",
          "1" + "0".repeat(1200),
          "[" + "[".repeat(1200) + "]".repeat(1200) + "]",
          "[" + "[".repeat(400) + "]".repeat(400) + "]");

  private static final List<String> TAILS =
      List.of(" x", "}", ",", "{}", "\u0000", " //", "]", " ", "\n");

  @Test
  void answersEveryMutatedBodyAsTheThreePassReaderDid() {
    SplittableRandom random = new SplittableRandom(20261129L);
    Set<String> kinds = new HashSet<>();
    int bound = 0;
    for (int n = 0; n < 6_000; n++) {
      Sample sample = SAMPLES.get(random.nextInt(SAMPLES.size()));
      String text = mutate(sample.json(), random);
      String before = outcome(() -> LegacyBody.read(text, sample.type()));
      assertEquals(
          before, outcome(() -> BodyShape.bind(BodyParser.parse(text), sample.type(), "")), text);
      bound += before.startsWith("bound ") ? 1 : 0;
      kinds.add(before.startsWith("bound ") ? "bound" : before.replaceAll("[\\[\\d\\]\"]", ""));
    }
    // The corpus reaches both sides: bodies bound, and refusals of many kinds.
    assertTrue(bound > 300, "bound " + bound);
    assertTrue(kinds.size() > 40, kinds.size() + " kinds: " + kinds);
  }

  @Test
  void answersTheSamplesThemselvesAsBefore() {
    for (Sample sample : SAMPLES) {
      assertEquals(
          outcome(() -> LegacyBody.read(sample.json(), sample.type())),
          outcome(() -> bindPlain(sample)),
          sample.json());
    }
  }

  private static Object bindPlain(Sample sample) {
    return BodyShape.bind(BodyParser.parse(sample.json()), sample.type(), "");
  }

  private static String outcome(Supplier<Object> read) {
    try {
      return "bound " + read.get();
    } catch (BillingException refused) {
      return "refused "
          + refused.code()
          + " | "
          + refused.getMessage()
          + " | "
          + refused.field()
          + " | "
          + refused.details();
    }
  }

  /** One to three mutations of a valid body. */
  private static String mutate(String json, SplittableRandom random) {
    String text = json;
    int times = 1 + random.nextInt(3);
    for (int i = 0; i < times; i++) {
      text = mutateOnce(text, random);
    }
    return text;
  }

  private static String mutateOnce(String text, SplittableRandom random) {
    return switch (random.nextInt(10)) {
      case 0, 1, 2, 3 -> replaceValue(text, random);
      case 4 -> insertKey(text, random, someKey(text, random));
      case 5 -> insertKey(text, random, pick(random, List.of("colour", "Model", "extra", "")));
      case 6 -> text.isEmpty() ? text : text.substring(0, random.nextInt(text.length()));
      case 7 -> text + pick(random, TAILS);
      case 8 -> pick(random, List.of("[" + text + "]", "\"" + text + "\"", " " + text + " "));
      default -> text;
    };
  }

  /** The value after a random key, up to the next comma or closing brace at the same depth. */
  private static String replaceValue(String text, SplittableRandom random) {
    int colon = nthColon(text, random);
    if (colon < 0) {
      return text;
    }
    int end = valueEnd(text, colon + 1);
    return text.substring(0, colon + 1) + pick(random, ODD_VALUES) + text.substring(end);
  }

  private static String insertKey(String text, SplittableRandom random, String key) {
    int brace = text.indexOf('{', random.nextInt(Math.max(1, text.length())));
    if (brace < 0) {
      brace = text.indexOf('{');
    }
    if (brace < 0) {
      return text;
    }
    String entry = "\"" + key + "\":" + pick(random, ODD_VALUES);
    boolean empty = brace + 1 < text.length() && text.charAt(brace + 1) == '}';
    return text.substring(0, brace + 1) + entry + (empty ? "" : ",") + text.substring(brace + 1);
  }

  private static String someKey(String text, SplittableRandom random) {
    int colon = nthColon(text, random);
    if (colon < 1) {
      return "requestId";
    }
    int start = text.lastIndexOf('"', colon - 2);
    return start < 0 ? "requestId" : text.substring(start + 1, colon - 1);
  }

  private static int nthColon(String text, SplittableRandom random) {
    long colons = text.chars().filter(c -> c == ':').count();
    if (colons == 0) {
      return -1;
    }
    long target = random.nextLong(colons);
    for (int i = 0, seen = 0; i < text.length(); i++) {
      if (text.charAt(i) == ':' && seen++ == target) {
        return i;
      }
    }
    return -1;
  }

  private static int valueEnd(String text, int from) {
    int depth = 0;
    boolean quoted = false;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          quoted = false;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if ((c == '}' || c == ']') && depth-- == 0) {
        return i;
      } else if (c == ',' && depth == 0) {
        return i;
      }
    }
    return text.length();
  }

  private static <T> T pick(SplittableRandom random, List<T> items) {
    return items.get(random.nextInt(items.size()));
  }
}
