package io.tally.billing.api;

/**
 * How fast each model runs across the whole platform, from per-model daily duration histograms kept
 * with the charges. Public figures: reading them needs no account.
 */
public interface ModelStatsService {

  /** The longest window a read may ask for, in days. */
  int MAX_DAYS = 90;

  /**
   * The model's calls over the last {@code days} UTC days, today included ({@code 1} to {@link
   * #MAX_DAYS}); a 404 for an unknown model.
   */
  ModelStatsView stats(String modelId, int days);
}
