package io.tally.billing.web.pricing;

import io.tally.billing.api.ModelDefinition;
import io.tally.billing.platform.Json;
import io.tally.billing.web.platform.Length;
import jakarta.json.JsonObject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A model of the catalog: its family's plugin validates and applies its price sheet. */
@Schema(description = "A model: its family picks the pricing plugin, pricing is its price sheet.")
public record ModelBody(
    @Schema(example = "image", maxLength = 50) @NotNull @Length(max = 50) String family,
    @Schema(example = "FLUX.1 [schnell]", maxLength = 200) @NotNull @Length(max = 200) String name,
    @Schema(example = "H100", maxLength = 100) @Length(max = 100) String gpu,
    @Schema(
            type = SchemaType.OBJECT,
            description = "The price sheet; its mode picks the formula.",
            example = "{\"mode\": \"per_second\", \"ratePerSecond\": \"0.002\"}")
        @NotNull
        JsonObject pricing,
    @Valid FailedCallsBody failedCalls) {

  ModelDefinition toDefinition() {
    return new ModelDefinition(
        family, name, gpu, Json.toMap(pricing), FailedCallsBody.toPrice(failedCalls));
  }
}
