package io.tally.billing.web.finetune;

import io.tally.billing.web.platform.GreaterThanZero;
import io.tally.billing.web.platform.Length;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A fine-tuning job to start metering. */
@Schema(description = "A fine-tuning job to start; a replay of requestId answers the first job.")
public record FineTuneBody(
    @Schema(example = "ft-2291", maxLength = 200) @NotNull @Length(max = 200) String requestId,
    @Schema(example = "1", minimum = "1") @NotNull @GreaterThanZero Long accountId,
    @Schema(example = "finetune-lora", maxLength = 100) @NotNull @Length(max = 100) String model) {}
