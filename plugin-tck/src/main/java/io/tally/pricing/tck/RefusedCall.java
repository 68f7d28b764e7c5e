package io.tally.pricing.tck;

import io.tally.pricing.spi.PriceSheet;
import io.tally.pricing.spi.UsageFacts;
import java.util.Objects;

/**
 * A call that {@code price} must refuse with a {@link io.tally.pricing.spi.PricingException} whose
 * {@code field()} is {@link #field}. The kit derives calls just outside each call parameter's
 * {@code min} and {@code max} from {@link io.tally.pricing.spi.PricingPlugin#modes()}; give here
 * what those bounds do not say (a resolution the sheet does not sell, a value that is not a whole
 * number, a required parameter left out).
 *
 * @param field the input the refusal must name ({@code parameters.width}, {@code durationMs})
 * @param sheet a valid sheet
 * @param call the call to refuse
 */
public record RefusedCall(String field, PriceSheet sheet, UsageFacts call) {

  public RefusedCall {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(sheet, "sheet");
    Objects.requireNonNull(call, "call");
  }

  public static RefusedCall of(String field, PriceSheet sheet, UsageFacts call) {
    return new RefusedCall(field, sheet, call);
  }
}
