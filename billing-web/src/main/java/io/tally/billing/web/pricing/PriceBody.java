package io.tally.billing.web.pricing;

import jakarta.json.JsonObject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new price version of a model, in force from {@code effectiveFrom}. */
@Schema(description = "A new price sheet, in force for calls that start from effectiveFrom.")
public record PriceBody(
    @Schema(
            type = SchemaType.OBJECT,
            description = "The price sheet; its mode picks the formula.",
            example = "{\"mode\": \"per_second\", \"ratePerSecond\": \"0.002\"}")
        @NotNull
        JsonObject pricing,
    @Schema(
            description = "An instant, or a date (midnight UTC); not in the past.",
            example = "2026-05-01")
        @NotNull
        Instant effectiveFrom,
    @Valid FailedCallsBody failedCalls) {}
