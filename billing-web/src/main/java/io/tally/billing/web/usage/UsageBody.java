package io.tally.billing.web.usage;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.CallPart;
import io.tally.billing.api.UsageEvent;
import io.tally.billing.web.platform.GreaterThanZero;
import io.tally.billing.web.platform.Length;
import jakarta.json.JsonObject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
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
        List<CallBody> parts) {

  UsageEvent toEvent() {
    if (workflow != null || parts != null) {
      refuseSingleCallFields(model, durationMs, parameters);
      if (workflow == null) {
        throw BillingException.missing("workflow");
      }
      return new UsageEvent(
          requestId, accountId, workflow, UsageBody.parts(parts), authorizationId, startedAt);
    }
    if (model == null) {
      throw BillingException.missing("model");
    }
    CallBody call = new CallBody(model, durationMs, parameters);
    return new UsageEvent(
        requestId, accountId, null, List.of(call.toPart()), authorizationId, startedAt);
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
    if (field != null) {
      throw BillingException.invalid(
          field, "a workflow run lists its calls in parts; " + field + " belongs there");
    }
  }
}
