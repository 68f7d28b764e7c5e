package io.tally.billing.web.usage;

import io.tally.billing.api.CallPart;
import io.tally.billing.web.platform.GreaterThanZero;
import io.tally.billing.web.platform.Length;
import jakarta.json.JsonObject;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A call about to run, whose estimated cost is held: {@code {accountId, model, ...}}. */
@Schema(description = "A call about to run, whose estimated cost is held on the account.")
public record AuthorizationBody(
    @Schema(example = "1", minimum = "1") @NotNull @GreaterThanZero Long accountId,
    @Schema(example = "flux-schnell", maxLength = 100) @NotNull @Length(max = 100) String model,
    @Schema(description = "The call's expected duration, in milliseconds.", example = "1234")
        Long durationMs,
    @Schema(
            type = SchemaType.OBJECT,
            description = "The call's parameters, as the model's price sheet reads them.",
            example = "{\"numImages\": 2}")
        JsonObject parameters) {

  CallPart call() {
    return new CallBody(model, durationMs, parameters).toPart();
  }
}
