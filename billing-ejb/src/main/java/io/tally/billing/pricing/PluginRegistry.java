package io.tally.billing.pricing;

import io.tally.billing.api.PluginView;
import io.tally.pricing.spi.PricingPlugin;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The pricing plugins this server loaded at startup, by model family. */
@Startup
@Singleton
@Lock(LockType.READ)
public class PluginRegistry {

  private static final Logger LOG = Logger.getLogger(PluginRegistry.class.getName());

  @Inject
  @ConfigProperty(name = "tally.plugins.dir")
  Optional<String> pluginDirectory;

  private Map<String, PluginLoader.Loaded> byFamily;
  private List<String> problems;

  @PostConstruct
  void load() {
    PluginLoader.Result result =
        PluginLoader.load(
            PluginRegistry.class.getClassLoader(),
            pluginDirectory.filter(dir -> !dir.isBlank()).map(Path::of).orElse(null));
    byFamily = result.byFamily();
    problems = result.problems();
    problems.forEach(LOG::severe);
    byFamily.forEach(
        (family, loaded) ->
            LOG.info(
                "pricing family "
                    + family
                    + ": plugin "
                    + loaded.plugin().id()
                    + " "
                    + loaded.plugin().version()
                    + " from "
                    + loaded.source()));
  }

  public Optional<PluginLoader.Loaded> forFamily(String family) {
    return Optional.ofNullable(byFamily.get(family));
  }

  /** What could not be loaded, for the health check. */
  public List<String> problems() {
    return problems;
  }

  public List<PluginView> list() {
    return byFamily.values().stream()
        .distinct()
        .map(
            loaded -> {
              PricingPlugin plugin = loaded.plugin();
              return new PluginView(
                  plugin.id(),
                  plugin.version(),
                  plugin.spiVersion(),
                  plugin.families().stream().sorted().toList(),
                  loaded.source());
            })
        .toList();
  }
}
