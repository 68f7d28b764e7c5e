package io.tally.billing.web.usage;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.CallPart;
import io.tally.billing.api.UsageEvent;
import io.tally.billing.web.platform.Body;
import java.util.List;

/** Reads the usage and call bodies that several endpoints share. */
final class UsageBodies {

  static final int MAX_PARTS = 100;

  private UsageBodies() {}

  /**
   * {@code {requestId, accountId, model, durationMs?, parameters?, authorizationId?, startedAt?}}
   * or a workflow run.
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
        "parts");
    String requestId = body.text("requestId", 200);
    long accountId = body.id("accountId");
    Long authorizationId = body.optionalId("authorizationId");
    if (body.has("workflow") || body.has("parts")) {
      refuseSingleCallFields(body);
      return new UsageEvent(
          requestId,
          accountId,
          body.text("workflow", 200),
          parts(body),
          authorizationId,
          body.optionalInstant("startedAt"));
    }
    return new UsageEvent(
        requestId,
        accountId,
        null,
        List.of(call(body)),
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

  static List<CallPart> parts(Body body) {
    return body.objects("parts", MAX_PARTS).stream()
        .map(part -> call(part.only("model", "durationMs", "parameters")))
        .toList();
  }

  /** A workflow's calls are its parts; a model beside them would be ambiguous. */
  static void refuseSingleCallFields(Body body) {
    for (String field : List.of("model", "durationMs", "parameters")) {
      if (body.has(field)) {
        throw BillingException.invalid(
            body.field(field),
            "a workflow run lists its calls in parts; " + field + " belongs there");
      }
    }
  }
}
