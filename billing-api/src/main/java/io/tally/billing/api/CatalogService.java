package io.tally.billing.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The model catalog, its dated price versions, and the pricing plugins that check them. */
public interface CatalogService {

  /** Creates or updates a model; a changed sheet becomes a new price version in force now. */
  DefinedModel define(String modelId, ModelDefinition definition);

  /** Schedules a new price version from {@code effectiveFrom} (now or later). */
  default ModelView changePrice(
      String modelId, Map<String, Object> pricing, Instant effectiveFrom) {
    return changePrice(modelId, pricing, null, effectiveFrom);
  }

  /** The same, with what a failed call costs under the new version (null: nothing). */
  ModelView changePrice(
      String modelId,
      Map<String, Object> pricing,
      FailedCallPrice failedCalls,
      Instant effectiveFrom);

  List<ModelView> list();

  /** The model with the price in force now, or a 404. */
  ModelView view(String modelId);

  List<PluginView> plugins();
}
