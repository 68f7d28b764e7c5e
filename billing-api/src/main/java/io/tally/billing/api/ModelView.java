package io.tally.billing.api;

import java.util.List;
import java.util.Map;

/**
 * A catalog entry: the price sheet in force now (absent, with {@code priceVersion} 0, when the
 * first price has not started yet), and the versions scheduled after it. {@code priceDescription}
 * is the price in force in words, one line per product, as the family's plugin says it (empty when
 * the plugin does not describe its sheets). {@code failedCalls} is what a failed call costs under
 * the version ({@link FailedCallPrice#toMap}; absent: nothing).
 */
public record ModelView(
    String id,
    String family,
    String name,
    String gpu,
    Map<String, Object> pricing,
    int priceVersion,
    String effectiveFrom,
    List<PriceVersionView> scheduled,
    List<String> priceDescription,
    Map<String, String> failedCalls) {

  /** A price version of a model. */
  public record PriceVersionView(
      int version,
      Map<String, Object> pricing,
      String effectiveFrom,
      Map<String, String> failedCalls) {}
}
