package io.tally.pricing.tck;

import io.tally.pricing.spi.PriceSheet;
import io.tally.pricing.spi.UsageFacts;
import java.util.Map;
import java.util.TreeMap;

/** One sheet and call to price, with the words a failure names it by. */
record Input(String label, PriceSheet sheet, UsageFacts call) {

  Outcome priceWith(io.tally.pricing.spi.PricingPlugin plugin) {
    return Outcome.of(plugin, sheet, call);
  }

  @Override
  public String toString() {
    return label + " " + describe(call);
  }

  /** {@code (durationMs=12500, height=2048, width=2048)}, in a stable order. */
  static String describe(UsageFacts call) {
    Map<String, Object> shown = new TreeMap<>(call.parameters());
    String duration = call.durationMs() == null ? "" : "durationMs=" + call.durationMs();
    String parameters = shown.toString();
    parameters = parameters.substring(1, parameters.length() - 1);
    String separator = duration.isEmpty() || parameters.isEmpty() ? "" : ", ";
    return "(" + duration + separator + parameters + ")";
  }
}
