package io.tally.billing.web.usage;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.QuoteRequest;
import io.tally.billing.web.platform.Length;
import jakarta.json.JsonObject;
import jakarta.validation.Valid;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A call ({@code model, durationMs?, parameters?}) or a workflow's parts, to price. */
@Schema(description = "One call, or a workflow's calls in parts, to price without charging.")
public record QuoteBody(
    @Schema(example = "flux-schnell", maxLength = 100) @Length(max = 100) String model,
    @Schema(description = "How long the call runs, in milliseconds.", example = "1234")
        Long durationMs,
    @Schema(
            type = SchemaType.OBJECT,
            description = "The call's parameters, as the model's price sheet reads them.",
            example = "{\"numImages\": 2}")
        JsonObject parameters,
    @Schema(description = "A workflow's name (default: workflow).", maxLength = 200)
        @Length(max = 200)
        String workflow,
    @Schema(description = "A workflow's calls, 1 to 100.") @Valid @Length(max = 100)
        List<CallBody> parts) {

  QuoteRequest toRequest() {
    if (workflow != null || parts != null) {
      UsageBody.refuseSingleCallFields(model, durationMs, parameters);
      return new QuoteRequest(workflow == null ? "workflow" : workflow, UsageBody.parts(parts));
    }
    if (model == null) {
      throw BillingException.missing("model");
    }
    return new QuoteRequest(null, List.of(new CallBody(model, durationMs, parameters).toPart()));
  }
}
