package io.tally.pricing.tck;

import java.util.Objects;
import java.util.Set;

/**
 * What a plugin must declare: its id and version (both recorded on every charge it prices) and the
 * model families it prices.
 *
 * @param id the expected {@link io.tally.pricing.spi.PricingPlugin#id()}
 * @param version the expected {@link io.tally.pricing.spi.PricingPlugin#version()}
 * @param families the expected {@link io.tally.pricing.spi.PricingPlugin#families()}
 */
public record PluginIdentity(String id, String version, Set<String> families) {

  public PluginIdentity {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    families = Set.copyOf(families);
  }

  /** {@code PluginIdentity.of("image", "1.1.0", "image")}. */
  public static PluginIdentity of(String id, String version, String... families) {
    return new PluginIdentity(id, version, Set.of(families));
  }
}
