package io.tally.billing.web.usage;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.CallOutcome;
import io.tally.billing.api.CallPart;
import io.tally.billing.api.UsageEvent;
import io.tally.billing.web.platform.Body;
import java.util.List;

/** Reads the usage and call bodies that several endpoints share. */
final class UsageBodies {

  static final int MAX_PARTS = 100;

  private UsageBodies() {}

  /** What a gateway may say of a call beyond what prices it; a workflow says it per part. */
  private static final List<String> RAN = List.of("outcome", "queueMs", "coldStartMs");

  /**
   * {@code {requestId, accountId, model, durationMs?, parameters?, outcome?, queueMs?,
   * coldStartMs?, authorizationId?, startedAt?}} or a workflow run.
   */
  static UsageEvent event(Body body) {
    body.only(
        "requestId",
        "accountId",
        "model",
        "durationMs",
        "parameters",
        "authorizationId",
        "startedAt",
        "workflow",
        "parts",
        "outcome",
        "queueMs",
        "coldStartMs");
    String requestId = body.text("requestId", 200);
    long accountId = body.id("accountId");
    Long authorizationId = body.optionalId("authorizationId");
    if (body.has("workflow") || body.has("parts")) {
      refuseSingleCallFields(body);
      refuse(body, RAN);
      return new UsageEvent(
          requestId,
          accountId,
          body.text("workflow", 200),
          body.objects("parts", MAX_PARTS).stream()
              .map(
                  part ->
                      ran(
                          part.only(
                              "model",
                              "durationMs",
                              "parameters",
                              "outcome",
                              "queueMs",
                              "coldStartMs")))
              .toList(),
          authorizationId,
          body.optionalInstant("startedAt"));
    }
    return new UsageEvent(
        requestId,
        accountId,
        null,
        List.of(ran(body)),
        authorizationId,
        body.optionalInstant("startedAt"));
  }

  /** One call's fields: {@code model, durationMs?, parameters?}. */
  static CallPart call(Body body) {
    return new CallPart(
        body.text("model", 100),
        body.optionalWhole("durationMs"),
        body.optionalObject("parameters"));
  }

  /**
   * A call that ran, as the gateway reports it: how it ended (per call, so a workflow run with one
   * failed step pays its other steps in full) and its queue and cold-start time, which pricing
   * never sees (their bounds are checked with {@code durationMs}'s, by the pricer).
   */
  static CallPart ran(Body body) {
    String outcome = body.optionalText("outcome", 20);
    return new CallPart(
        body.text("model", 100),
        body.optionalWhole("durationMs"),
        body.optionalObject("parameters"),
        outcome == null ? null : CallOutcome.ofWire(outcome, body.field("outcome")),
        wait(body, "queueMs"),
        wait(body, "coldStartMs"));
  }

  private static long wait(Body body, String name) {
    Long value = body.optionalWhole(name);
    return value == null ? 0 : value;
  }

  static List<CallPart> parts(Body body) {
    return body.objects("parts", MAX_PARTS).stream()
        .map(part -> call(part.only("model", "durationMs", "parameters")))
        .toList();
  }

  /** A workflow's calls are its parts; a model beside them would be ambiguous. */
  static void refuseSingleCallFields(Body body) {
    refuse(body, List.of("model", "durationMs", "parameters"));
  }

  private static void refuse(Body body, List<String> fields) {
    for (String field : fields) {
      if (body.has(field)) {
        throw BillingException.invalid(
            body.field(field),
            "a workflow run lists its calls in parts; " + field + " belongs there");
      }
    }
  }
}
