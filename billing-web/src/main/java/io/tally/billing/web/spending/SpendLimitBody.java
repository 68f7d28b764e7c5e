package io.tally.billing.web.spending;

import io.tally.billing.api.Money;
import io.tally.billing.web.platform.Amount;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code {"limit": amount}}: the most a month may spend; a null or absent limit clears it. */
@Schema(description = "A monthly spend limit (UTC calendar month); null or absent clears it.")
public record SpendLimitBody(
    @Schema(type = SchemaType.STRING, description = "Not negative; null clears.", example = "50.00")
        @Amount
        BigDecimal limit) {

  BigDecimal exact() {
    return limit == null ? null : Money.of(limit);
  }
}
