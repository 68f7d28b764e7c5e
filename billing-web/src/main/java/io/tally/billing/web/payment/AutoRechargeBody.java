package io.tally.billing.web.payment;

import io.tally.billing.web.platform.Amount;
import io.tally.billing.web.platform.PaymentToken;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Auto-recharge settings: charge {@code amount} whenever the balance falls below a threshold. */
@Schema(description = "Auto-recharge: add amount whenever the balance falls below threshold.")
public record AutoRechargeBody(
    @NotNull Boolean enabled,
    @Schema(type = SchemaType.STRING, description = "At least 1.00.", example = "5.00") @Amount
        BigDecimal threshold,
    @Schema(type = SchemaType.STRING, description = "At least 5.00.", example = "20.00") @Amount
        BigDecimal amount,
    @Schema(description = "A processor's payment-method token.", example = "pm_card_visa")
        @PaymentToken
        String paymentMethod) {}
