package io.tally.billing.web.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.billing.api.AccountView;
import io.tally.billing.api.AuthorizationView;
import io.tally.billing.api.BillingException;
import io.tally.billing.api.BillingMode;
import io.tally.billing.api.ChargeView;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.api.LineItemView;
import io.tally.billing.api.PricedBy;
import io.tally.billing.web.usage.BatchAnswer;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The hand-written answers are byte for byte what JSON-B (Yasson 3.0.4, Payara Micro's, default
 * configuration) wrote for the same values: order, nulls left out, escapes, numbers.
 */
class AnswersTest {

  private static final Jsonb JSONB = JsonbBuilder.create();

  private static final PricedBy PRICED = new PricedBy("image", "1.2.0", 3);

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static String written(Object answer) {
    AnswerWriter writer =
        answer instanceof ChargeView
            ? new AnswerWriter.Charges()
            : answer instanceof AccountView
                ? new AnswerWriter.Accounts()
                : answer instanceof AuthorizationView
                    ? new AnswerWriter.Holds()
                    : answer instanceof JsonAnswer
                        ? new AnswerWriter.SelfWritten()
                        : new AnswerWriter.Maps();
    assertTrue(writer.isWriteable(answer.getClass(), answer.getClass(), null, null));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.writeTo(answer, answer.getClass(), answer.getClass(), null, null, null, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static void assertSameAsJsonb(Object answer) {
    assertEquals(JSONB.toJson(answer), written(answer));
  }

  static ChargeView charge(long id, String workflow, Long authorizationId, String startedAt) {
    return new ChargeView(
        id,
        "req-\"7f3a\"\\é\u0001",
        42,
        workflow == null ? "flux-schnell" : null,
        workflow,
        "0.123400",
        "-999999.876600",
        List.of(
            new LineItemView(
                "flux-schnell", "1234 ms × $0.1/s", "1.234", "second", "0.1", "0.123400", PRICED),
            new LineItemView(null, "failed call", "0", "call", "0", "0.000000", null)),
        PRICED,
        authorizationId,
        startedAt,
        "2026-05-01T12:00:00.123Z",
        1,
        Long.MAX_VALUE,
        0);
  }

  @Test
  void writesAChargeAsJsonbDid() {
    assertSameAsJsonb(charge(1, null, null, null));
    assertSameAsJsonb(charge(Long.MAX_VALUE, "txt2img", 77L, "2026-05-01T00:00:00Z"));
    assertSameAsJsonb(
        new ChargeView(
            3, "r", 4, null, null, "0", "0", List.of(), null, null, null, null, 0, 0, 0));
    assertSameAsJsonb(
        new ChargeView(3, null, 4, null, null, null, null, null, null, null, null, null, 0, 0, 0));
  }

  @Test
  void writesAnAccountAsJsonbDid() {
    assertSameAsJsonb(
        new AccountView(
            9,
            "ada@example.com",
            "Ada \u2028 Lovelace",
            BillingMode.POSTPAID,
            "pro",
            "1.000000",
            "0.500000",
            "500.000000",
            new AccountView.AutoRechargeView(true, "1.000000", "5.000000", "pm_card_visa"),
            "2026-05-01T12:00:00Z"));
    assertSameAsJsonb(
        new AccountView(
            9,
            "a@b.c",
            "A",
            BillingMode.PREPAID,
            null,
            "1.000000",
            "1.000000",
            null,
            new AccountView.AutoRechargeView(false),
            null));
    assertSameAsJsonb(new AccountView(1, null, null, null, null, null, null, null, null, null));
  }

  @Test
  void writesAHoldAsJsonbDid() {
    assertSameAsJsonb(
        new AuthorizationView(5, 6, "flux", "0.123400", "OPEN", "2026-05-01T12:15:00Z"));
    assertSameAsJsonb(new AuthorizationView(5, 6, null, null, null, null));
  }

  @Test
  void writesErrorBodiesAsJsonbDid() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("balance", "0.100000");
    details.put("required", "0.123400");
    details.put("rechargeId", 12L);
    details.put("declineCode", 7);
    details.put("exact", new BigDecimal("1.50"));
    details.put("ok", true);
    details.put("mode", BillingMode.PREPAID);
    details.put("list", List.of("a", 1));
    details.put("nested", Map.of("k", "v"));
    assertSameAsJsonb(
        ErrorResponses.body(
            new BillingException(
                ErrorCode.OUT_OF_CREDITS, "out of \"credits\"", "amount", details)));
    assertSameAsJsonb(ErrorResponses.body(BillingException.missing("parts[1].model")));
    assertSameAsJsonb(
        ErrorResponses.body(new BillingException(ErrorCode.MALFORMED_JSON, "not </json>")));
  }

  @Test
  void writesABatchAsJsonbDid() {
    List<BatchAnswer.Result> results = new ArrayList<>();
    results.add(new BatchAnswer.Result(0, 201, charge(1, null, null, null), null));
    results.add(
        new BatchAnswer.Result(
            1,
            402,
            null,
            ErrorResponses.body(
                new BillingException(
                    ErrorCode.OUT_OF_CREDITS, "out", null, Map.of("balance", "0.000000")))));
    results.add(new BatchAnswer.Result(2, 200, charge(2, "w", 5L, "2026-05-01T00:00:00Z"), null));
    assertSameAsJsonb(new BatchAnswer(results));
    assertSameAsJsonb(new BatchAnswer(List.of()));
  }
}
