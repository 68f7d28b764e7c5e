package io.tally.billing.web.pricing;

import io.tally.billing.api.FailedCallPrice;
import io.tally.billing.web.platform.Amount;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a failed call costs under a price version, beside the sheet so that the plugin validates
 * only its own sheet. Absent: failed calls cost nothing.
 */
@Schema(description = "A failed call costs min(P, max(minimum, share × P)), P its succeeded price.")
public record FailedCallsBody(
    @Schema(type = SchemaType.STRING, description = "0 to 1000 dollars.", example = "0.001") @Amount
        BigDecimal minimum,
    @Schema(type = SchemaType.STRING, description = "0 to 1, six decimals.", example = "0.5")
        @Amount
        BigDecimal share) {

  static FailedCallPrice toPrice(FailedCallsBody body) {
    return body == null ? null : new FailedCallPrice(body.minimum, body.share);
  }
}
