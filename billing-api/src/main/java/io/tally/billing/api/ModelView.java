package io.tally.billing.api;

import java.util.List;
import java.util.Map;

/**
 * A catalog entry: the price sheet in force now (absent, with {@code priceVersion} 0, when the
 * first price has not started yet), and the versions scheduled after it.
 */
public record ModelView(
    String id,
    String family,
    String name,
    String gpu,
    Map<String, Object> pricing,
    int priceVersion,
    String effectiveFrom,
    List<PriceVersionView> scheduled) {

  /** A price version of a model. */
  public record PriceVersionView(int version, Map<String, Object> pricing, String effectiveFrom) {}
}
