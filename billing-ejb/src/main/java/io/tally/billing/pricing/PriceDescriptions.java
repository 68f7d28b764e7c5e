package io.tally.billing.pricing;

import io.tally.pricing.spi.Mode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a family's plugin says about prices, for people: a sheet in words, and the modes with their
 * fields that the admin's price editor draws a form from. Both are optional for a plugin (SPI 2.1),
 * so a plugin that does not say gives empty lists; one that fails saying is logged (not counted:
 * every read of the catalog would count it again) and gives empty lists too, since a page or a
 * catalog read must not fail for it.
 */
@ApplicationScoped
public class PriceDescriptions {

  @Inject PluginRegistry plugins;

  @Inject PricingFailures failures;

  /** {@code pricing} in words, one line per product; empty without a sheet or a plugin. */
  public List<String> describe(String family, String model, Map<String, Object> pricing) {
    if (pricing == null) {
      return List.of();
    }
    return plugins
        .forFamily(family)
        .map(
            loaded -> {
              try {
                return lines(loaded.plugin().describe(Sheets.toSheet(pricing)));
              } catch (Throwable broken) {
                failures.logged(loaded.plugin().id(), model, broken);
                return List.<String>of();
              }
            })
        .orElse(List.of());
  }

  /** The modes the family's plugin prices, with their sheet fields; empty when it does not say. */
  public List<Mode> modes(String family) {
    return plugins
        .forFamily(family)
        .map(
            loaded -> {
              try {
                List<Mode> modes = loaded.plugin().modes();
                return modes == null ? List.<Mode>of() : List.copyOf(modes);
              } catch (Throwable broken) {
                failures.logged(loaded.plugin().id(), null, broken);
                return List.<Mode>of();
              }
            })
        .orElse(List.of());
  }

  /** A plugin answering null, or null lines, says nothing rather than failing the read. */
  private static List<String> lines(List<String> described) {
    return described == null ? List.of() : described.stream().filter(Objects::nonNull).toList();
  }
}
