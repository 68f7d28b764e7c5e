package io.tally.billing.web.usage;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.CallOutcome;
import io.tally.billing.api.CallPart;
import io.tally.billing.api.Caller;
import io.tally.billing.api.UsageEvent;
import io.tally.billing.api.UsageSource;
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
   * coldStartMs?, authorizationId?, startedAt?, source?, apiKeyId?}} or a workflow run, sent by
   * {@code caller}.
   */
  static UsageEvent event(Body body, Caller caller) {
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
        "source",
        "apiKeyId",
        "outcome",
        "queueMs",
        "coldStartMs");
    String requestId = body.text("requestId", 200);
    long accountId = body.id("accountId");
    Long authorizationId = body.optionalId("authorizationId");
    boolean workflow = body.has("workflow") || body.has("parts");
    if (workflow) {
      refuseSingleCallFields(body);
      refuse(body, RAN);
    }
    return new UsageEvent(
        requestId,
        accountId,
        workflow ? body.text("workflow", 200) : null,
        workflow
            ? body.objects("parts", MAX_PARTS).stream()
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
                .toList()
            : List.of(ran(body)),
        authorizationId,
        body.optionalInstant("startedAt"),
        source(body),
        apiKeyId(body, caller));
  }

  /** {@code "api"} (the default) or {@code "editor"}: the platform's own workflow editor. */
  private static UsageSource source(Body body) {
    String source = body.optionalText("source", 20);
    if (source == null || source.equals("api")) {
      return UsageSource.API;
    }
    if (source.equals("editor")) {
      return UsageSource.EDITOR;
    }
    throw BillingException.invalid(body.field("source"), "source must be \"api\" or \"editor\"");
  }

  /**
   * The key a call spends from: an account key's own (it may not name another), or the one the
   * gateway names for its customer with the service key.
   */
  private static Long apiKeyId(Body body, Caller caller) {
    Long named = body.optionalId("apiKeyId");
    if (caller.isService() || caller.keyId() == null) {
      return named;
    }
    if (named != null && !named.equals(caller.keyId())) {
      throw BillingException.invalid(
          body.field("apiKeyId"), "a call made with an account key spends from that key");
    }
    return caller.keyId();
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
