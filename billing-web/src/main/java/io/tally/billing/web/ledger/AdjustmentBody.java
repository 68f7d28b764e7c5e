package io.tally.billing.web.ledger;

import io.tally.billing.web.platform.Amount;
import io.tally.billing.web.platform.Length;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An admin's credit (positive) or debit (negative) with its reason. */
@Schema(description = "A credit (positive amount) or a debit (negative), with its reason.")
public record AdjustmentBody(
    @Schema(
            type = SchemaType.STRING,
            description = "A non-zero decimal, as a string or a number.",
            example = "5.00")
        @NotNull
        @Amount
        BigDecimal amount,
    @Schema(example = "goodwill credit", maxLength = 500) @NotNull @Length(max = 500)
        String reason) {}
