package io.tally.billing.api;

import java.util.Map;

/**
 * A model as an admin defines it: family (which plugin prices it), names, its price sheet, and what
 * a failed call costs ({@code failedCalls}; null: nothing).
 */
public record ModelDefinition(
    String family,
    String name,
    String gpu,
    Map<String, Object> pricing,
    FailedCallPrice failedCalls) {

  public ModelDefinition(String family, String name, String gpu, Map<String, Object> pricing) {
    this(family, name, gpu, pricing, null);
  }
}
