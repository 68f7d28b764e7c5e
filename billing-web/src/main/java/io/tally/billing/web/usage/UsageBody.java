package io.tally.billing.web.usage;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.CallPart;
import io.tally.billing.api.Caller;
import io.tally.billing.api.UsageEvent;
import io.tally.billing.api.UsageSource;
import io.tally.billing.web.platform.GreaterThanZero;
import io.tally.billing.web.platform.Length;
import jakarta.json.JsonObject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the gateway reports after a call ({@code model, durationMs?, parameters?}) or a workflow run
 * ({@code workflow, parts}); never both.
 */
@Schema(description = "One call, or one workflow run listing its calls in parts.")
public record UsageBody(
    @Schema(
            description = "The gateway's id of the call; a replay answers the first charge.",
            example = "req-7f3a",
            maxLength = 200)
        @NotNull
        @Length(max = 200)
        String requestId,
    @Schema(example = "1", minimum = "1") @NotNull @GreaterThanZero Long accountId,
    @Schema(description = "A single call's model.", example = "flux-schnell", maxLength = 100)
        @Length(max = 100)
        String model,
    @Schema(description = "How long the call ran, in milliseconds.", example = "1234")
        Long durationMs,
    @Schema(
            type = SchemaType.OBJECT,
            description = "The call's parameters, as the model's price sheet reads them.",
            example = "{\"numImages\": 2}")
        JsonObject parameters,
    @Schema(description = "The hold this call settles.", minimum = "1") @GreaterThanZero
        Long authorizationId,
    @Schema(
            description = "When the call started: picks the price in force (default: now).",
            example = "2026-05-01T12:00:00Z")
        Instant startedAt,
    @Schema(description = "A workflow run's name.", example = "txt2img-upscale", maxLength = 200)
        @Length(max = 200)
        String workflow,
    @Schema(description = "A workflow run's calls, 1 to 100.") @Valid @Length(max = 100)
        List<UsagePartBody> parts,
    @Schema(
            description = "A single call's end (default succeeded); a workflow says it per part.",
            enumeration = {"succeeded", "failed"},
            example = "succeeded")
        String outcome,
    @Schema(description = "Time queued for a GPU, in ms: recorded, never billed.", example = "0")
        Long queueMs,
    @Schema(
            description = "Time the model took to load, in ms: recorded, never billed.",
            example = "0")
        Long coldStartMs,
    @Schema(
            description =
                "Where the run came from: api (counted by a plan's workflow quota) or editor.",
            enumeration = {"api", "editor"},
            example = "api")
        String source,
    @Schema(
            description =
                "The account key the call spends from (gateway only; an account key's call"
                    + " spends from that key).",
            minimum = "1")
        @GreaterThanZero
        Long apiKeyId) {

  /** The event {@code caller} sent. */
  UsageEvent toEvent(Caller caller) {
    UsageSource from = origin();
    Long key = spendsFrom(caller);
    if (workflow != null || parts != null) {
      refuseSingleCallFields(model, durationMs, parameters);
      refuseSingleCallFields(outcome, queueMs, coldStartMs);
      if (workflow == null) {
        throw BillingException.missing("workflow");
      }
      if (parts == null) {
        throw BillingException.missing("parts");
      }
      List<CallPart> calls = new ArrayList<>(parts.size());
      for (int i = 0; i < parts.size(); i++) {
        calls.add(parts.get(i).toPart("parts[" + i + "]."));
      }
      return new UsageEvent(
          requestId, accountId, workflow, calls, authorizationId, startedAt, from, key);
    }
    if (model == null) {
      throw BillingException.missing("model");
    }
    UsagePartBody call =
        new UsagePartBody(model, durationMs, parameters, outcome, queueMs, coldStartMs);
    return new UsageEvent(
        requestId,
        accountId,
        null,
        List.of(call.toPart("")),
        authorizationId,
        startedAt,
        from,
        key);
  }

  /** {@code "api"} (the default) or {@code "editor"}: the platform's own workflow editor. */
  private UsageSource origin() {
    if (source == null || source.equals("api")) {
      return UsageSource.API;
    }
    if (source.equals("editor")) {
      return UsageSource.EDITOR;
    }
    throw BillingException.invalid("source", "source must be \"api\" or \"editor\"");
  }

  /**
   * The key a call spends from: an account key's own (it may not name another), or the one the
   * gateway names for its customer with the service key.
   */
  private Long spendsFrom(Caller caller) {
    if (caller.isService() || caller.keyId() == null) {
      return apiKeyId;
    }
    if (apiKeyId != null && !apiKeyId.equals(caller.keyId())) {
      throw BillingException.invalid(
          "apiKeyId", "a call made with an account key spends from that key");
    }
    return caller.keyId();
  }

  static List<CallPart> parts(List<CallBody> parts) {
    if (parts == null) {
      throw BillingException.missing("parts");
    }
    return parts.stream().map(CallBody::toPart).toList();
  }

  /** A workflow's calls are its parts; a model beside them would be ambiguous. */
  static void refuseSingleCallFields(String model, Long durationMs, JsonObject parameters) {
    String field =
        model != null
            ? "model"
            : durationMs != null ? "durationMs" : parameters != null ? "parameters" : null;
    refuse(field);
  }

  /** A workflow's parts say how each call ended and waited, not the run. */
  static void refuseSingleCallFields(String outcome, Long queueMs, Long coldStartMs) {
    refuse(
        outcome != null
            ? "outcome"
            : queueMs != null ? "queueMs" : coldStartMs != null ? "coldStartMs" : null);
  }

  private static void refuse(String field) {
    if (field != null) {
      throw BillingException.invalid(
          field, "a workflow run lists its calls in parts; " + field + " belongs there");
    }
  }
}
