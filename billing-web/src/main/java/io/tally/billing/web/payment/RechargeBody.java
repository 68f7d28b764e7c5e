package io.tally.billing.web.payment;

import io.tally.billing.web.platform.Amount;
import io.tally.billing.web.platform.PaymentToken;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A one-off card recharge. */
@Schema(description = "A one-off recharge by card.")
public record RechargeBody(
    @Schema(
            type = SchemaType.STRING,
            description = "A decimal, as a string or a number.",
            example = "10.00")
        @NotNull
        @Amount
        BigDecimal amount,
    @Schema(description = "A processor's payment-method token.", example = "pm_card_visa")
        @NotNull
        @PaymentToken
        String paymentMethod) {}
