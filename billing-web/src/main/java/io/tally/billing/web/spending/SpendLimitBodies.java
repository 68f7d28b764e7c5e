package io.tally.billing.web.spending;

import io.tally.billing.web.platform.Body;
import java.math.BigDecimal;

/** {@code {"limit": amount}}; a null or absent limit clears it. */
final class SpendLimitBodies {

  private SpendLimitBodies() {}

  static BigDecimal limit(String text) {
    return Body.parse(text).only("limit").optionalAmount("limit");
  }
}
