package io.tally.billing.web.usage;

import io.tally.billing.api.CallPart;
import io.tally.billing.platform.Json;
import io.tally.billing.web.platform.Length;
import jakarta.json.JsonObject;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One model call inside a workflow run or a quote: {@code {model, durationMs?, parameters?}}. */
@Schema(description = "One model call of a workflow run.")
public record CallBody(
    @Schema(example = "flux-schnell", maxLength = 100) @NotNull @Length(max = 100) String model,
    @Schema(
            description = "How long the call ran, in milliseconds (0 to 86,400,000).",
            example = "1234")
        Long durationMs,
    @Schema(
            type = SchemaType.OBJECT,
            description = "The call's parameters, as the model's price sheet reads them.",
            example = "{\"numImages\": 2}")
        JsonObject parameters) {

  CallPart toPart() {
    return new CallPart(model, durationMs, parameters == null ? null : Json.toMap(parameters));
  }
}
