package io.tally.billing.web.usage;

import io.tally.billing.api.CallOutcome;
import io.tally.billing.api.CallPart;
import io.tally.billing.platform.Json;
import io.tally.billing.web.platform.Length;
import jakarta.json.JsonObject;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One model call of a workflow run, as it ran: what prices it, how it ended and how long it waited
 * (per call, so a run with one failed step pays its other steps in full).
 */
@Schema(description = "One model call of a workflow run, as it ran.")
public record UsagePartBody(
    @Schema(example = "flux-schnell", maxLength = 100) @NotNull @Length(max = 100) String model,
    @Schema(
            description = "How long the call ran on the GPU, in milliseconds (0 to 86,400,000).",
            example = "1234")
        Long durationMs,
    @Schema(
            type = SchemaType.OBJECT,
            description = "The call's parameters, as the model's price sheet reads them.",
            example = "{\"numImages\": 2}")
        JsonObject parameters,
    @Schema(
            description = "How the call ended (default succeeded).",
            enumeration = {"succeeded", "failed"},
            example = "succeeded")
        String outcome,
    @Schema(description = "Time queued for a GPU, in ms: recorded, never billed.", example = "0")
        Long queueMs,
    @Schema(
            description = "Time the model took to load, in ms: recorded, never billed.",
            example = "0")
        Long coldStartMs) {

  /** The call; {@code prefix} names its fields in errors ({@code parts[1].}). */
  CallPart toPart(String prefix) {
    return new CallPart(
        model,
        durationMs,
        parameters == null ? null : Json.toMap(parameters),
        outcome == null ? CallOutcome.SUCCEEDED : CallOutcome.ofWire(outcome, prefix + "outcome"),
        queueMs == null ? 0 : queueMs,
        coldStartMs == null ? 0 : coldStartMs);
  }
}
