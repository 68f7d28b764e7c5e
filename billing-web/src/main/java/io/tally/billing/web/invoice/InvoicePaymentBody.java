package io.tally.billing.web.invoice;

import io.tally.billing.web.platform.Length;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How an invoice is paid: a card token, or {@code bank_transfer} (service key only). */
@Schema(description = "A card token, or bank_transfer (service key only) for money received.")
public record InvoicePaymentBody(
    @Schema(example = "pm_card_visa", maxLength = 100) @NotNull @Length(max = 100)
        String paymentMethod) {}
