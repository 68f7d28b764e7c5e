package io.tally.billing.web.refund;

import io.tally.billing.web.platform.Amount;
import io.tally.billing.web.platform.GreaterThanZero;
import io.tally.billing.web.platform.Length;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A refund of a charge: {@code amount} left out refunds all that is left of it. */
@Schema(description = "A refund of (part of) a charge; without amount, all that is left of it.")
public record RefundBody(
    @Schema(
            type = SchemaType.STRING,
            description = "A positive decimal, as a string or a number.",
            example = "0.100000")
        @Amount
        @GreaterThanZero
        BigDecimal amount,
    @Schema(example = "the model failed", maxLength = 500) @NotNull @Length(max = 500)
        String reason) {}
