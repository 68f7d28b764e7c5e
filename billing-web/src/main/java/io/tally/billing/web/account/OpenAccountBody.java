package io.tally.billing.web.account;

import io.tally.billing.api.BillingMode;
import io.tally.billing.api.Money;
import io.tally.billing.api.OpenAccount;
import io.tally.billing.web.platform.Amount;
import io.tally.billing.web.platform.Length;
import io.tally.billing.web.platform.NotNegative;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An account to open: {@code {email, name, billingMode?, creditLimit?}}. */
@Schema(description = "An account to open; a prepaid one starts with the $1.00 free grant.")
public record OpenAccountBody(
    @Schema(example = "ada@example.com", maxLength = 254)
        @NotNull
        @Length(max = 254)
        @Pattern(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", message = "must be an e-mail address")
        String email,
    @Schema(example = "Ada Lovelace", maxLength = 200) @NotNull @Length(max = 200) String name,
    @Schema(description = "PREPAID (default) or POSTPAID.") BillingMode billingMode,
    @Schema(
            type = SchemaType.STRING,
            description = "A post-paid account's credit limit: a decimal, as a string or a number.",
            example = "500.00")
        @Amount
        @NotNegative
        BigDecimal creditLimit) {

  OpenAccount toAccount() {
    return new OpenAccount(
        email.toLowerCase(Locale.ROOT),
        name,
        billingMode == null ? BillingMode.PREPAID : billingMode,
        creditLimit == null ? null : Money.of(creditLimit));
  }
}
