/**
 * Speed: how long each model's calls take across the whole platform, for the public model pages.
 * The charge's own transaction adds each model call to a per-model, per-day duration histogram
 * ({@code model_speed}, written by {@code ledger.SpeedRollup}); this package owns the buckets and
 * reads the histogram back as calls, average, p50 and p90. Nothing here reads charges, and nothing
 * here needs a key: the figures are the platform's, not an account's.
 */
package io.tally.billing.speed;
