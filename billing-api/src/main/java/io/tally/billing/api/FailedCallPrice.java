package io.tally.billing.api;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a failed call costs under a price version: {@code min(succeeded, max(minimum, share ×
 * succeeded))}, the product rounded half-up to micro-dollars as the plugins round, where {@code
 * succeeded} is what the same call would have cost had it succeeded. Either part may be absent
 * (zero). A version without one charges failed calls nothing. Kept beside the plugin's sheet, not
 * inside it, so each plugin's own sheet validation is untouched; versioned with the sheet.
 */
public record FailedCallPrice(BigDecimal minimum, BigDecimal share) {

  /** The largest minimum a failed call may carry. */
  private static final BigDecimal MAX_MINIMUM = new BigDecimal("1000");

  public FailedCallPrice {
    minimum = minimum == null ? null : checkedMinimum(minimum);
    share = share == null ? null : checkedShare(share);
  }

  /** Nothing: the rule when a price version sets none. */
  public static final FailedCallPrice FREE = new FailedCallPrice(null, null);

  /** What a failed call costs when the same call succeeded would cost {@code succeeded}. */
  public BigDecimal charge(BigDecimal succeeded) {
    BigDecimal shared = share == null ? Money.ZERO : Money.of(share.multiply(succeeded));
    BigDecimal floor = minimum == null ? Money.ZERO : minimum;
    return Money.of(shared.max(floor).min(succeeded));
  }

  /** As callers see it: {@code {"minimum": "0.001000", "share": "0.500000"}}, set parts only. */
  public Map<String, String> toMap() {
    Map<String, String> map = new LinkedHashMap<>();
    if (minimum != null) {
      map.put("minimum", minimum.toPlainString());
    }
    if (share != null) {
      map.put("share", share.toPlainString());
    }
    return map;
  }

  public boolean isFree() {
    return (minimum == null || minimum.signum() == 0) && (share == null || share.signum() == 0);
  }

  private static BigDecimal checkedMinimum(BigDecimal minimum) {
    if (minimum.signum() < 0 || minimum.compareTo(MAX_MINIMUM) > 0 || !Money.isExact(minimum)) {
      throw BillingException.invalid(
          "failedCalls.minimum",
          "failedCalls.minimum must be 0 to " + MAX_MINIMUM + " dollars, to the micro-dollar");
    }
    return Money.of(minimum);
  }

  private static BigDecimal checkedShare(BigDecimal share) {
    if (share.signum() < 0
        || share.compareTo(BigDecimal.ONE) > 0
        || share.stripTrailingZeros().scale() > Money.SCALE) {
      throw BillingException.invalid(
          "failedCalls.share",
          "failedCalls.share must be 0 to 1 (the share of the call's price), at most 6 decimals");
    }
    return share.setScale(Money.SCALE);
  }
}
