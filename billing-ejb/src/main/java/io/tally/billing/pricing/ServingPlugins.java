package io.tally.billing.pricing;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The plugins serving now, as every priced call reads them. {@link PluginRegistry} publishes each
 * snapshot here; pricing reads it through this plain bean rather than the registry's EJB view,
 * whose container boundary (a transaction begun and a read lock taken per call) cost more than the
 * read itself on every charge.
 */
@ApplicationScoped
public class ServingPlugins {

  private volatile PluginSnapshot snapshot;

  /** The plugin that prices {@code family} now; empty before the registry's first scan. */
  public Optional<PluginLoader.Loaded> forFamily(String family) {
    PluginSnapshot serving = snapshot;
    return serving == null ? Optional.empty() : Optional.ofNullable(serving.byFamily().get(family));
  }

  PluginSnapshot current() {
    return snapshot;
  }

  void publish(PluginSnapshot next) {
    snapshot = next;
  }
}
