package io.tally.billing.api;

/**
 * Where a usage event came from: a call through the public API, or the platform's own workflow
 * editor. A plan's workflow quota limits API runs only.
 */
public enum UsageSource {
  API,
  EDITOR
}
