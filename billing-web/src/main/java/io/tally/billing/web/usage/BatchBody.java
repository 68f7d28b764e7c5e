package io.tally.billing.web.usage;

import io.tally.billing.web.platform.Length;
import jakarta.json.JsonObject;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Up to a thousand usage events. Each event is read on its own ({@link UsageBody}), so one bad
 * event is refused in its result and the others are still charged.
 */
@Schema(description = "Usage events charged in one request, each idempotent on its own.")
public record BatchBody(
    @Schema(
            type = SchemaType.ARRAY,
            implementation = UsageBody.class,
            minItems = 1,
            maxItems = UsageResource.MAX_BATCH)
        @NotNull
        @Length(max = UsageResource.MAX_BATCH)
        List<JsonObject> events) {}
