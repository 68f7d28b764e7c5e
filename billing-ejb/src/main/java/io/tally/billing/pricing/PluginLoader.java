package io.tally.billing.pricing;

import io.tally.pricing.spi.PricingPlugin;
import io.tally.pricing.spi.SpiVersion;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds pricing plugins on the class path, and checks any plugin before it may price.
 *
 * <p>One broken provider is reported by name and skipped; a plugin built for another SPI version is
 * refused; two class-path plugins claiming one family stop the start, because a billing server must
 * not pick one silently (a class path is fixed at build time, so that is a build error). The plugin
 * directory's jars are opened by {@link PluginJar}.
 */
public final class PluginLoader {

  /** A loaded plugin and the jar (or directory) it came from. */
  public record Loaded(PricingPlugin plugin, String source) {}

  /** The class path's plugins by family, and what could not be loaded. */
  public record Result(Map<String, Loaded> byFamily, List<String> problems) {}

  private final List<Loaded> loaded = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();

  private PluginLoader() {}

  /** The plugins {@code classPath} sees; throws when two claim one family. */
  public static Result classPath(ClassLoader classPath) {
    PluginLoader loader = new PluginLoader();
    loader.scan(classPath);
    return new Result(loader.byFamily(), List.copyOf(loader.problems));
  }

  private void scan(ClassLoader classLoader) {
    Iterator<ServiceLoader.Provider<PricingPlugin>> providers =
        ServiceLoader.load(PricingPlugin.class, classLoader).stream().iterator();
    while (true) {
      try {
        if (!providers.hasNext()) {
          return;
        }
        ServiceLoader.Provider<PricingPlugin> provider = providers.next();
        PricingPlugin plugin = provider.get();
        String source = source(provider.type());
        String refusal = refusal(plugin);
        if (refusal != null) {
          problems.add(plugin.getClass().getName() + " (" + source + ")" + refusal);
        } else {
          loaded.add(new Loaded(plugin, source));
        }
      } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
        problems.add("broken pricing plugin in the class path: " + e);
      }
    }
  }

  /**
   * Why {@code plugin} may not price, or {@code null} when it may: its SPI version must be one this
   * server loads, and its metadata must be there. The text follows the plugin's name.
   */
  static String refusal(PricingPlugin plugin) {
    try {
      String version = versionRefusal(plugin);
      if (version != null) {
        return version + "; not loaded";
      }
      if (blank(plugin.id()) || blank(plugin.version())) {
        return " has no id or no version; not loaded";
      }
      if (plugin.families() == null
          || plugin.families().isEmpty()
          || plugin.families().stream().anyMatch(PluginLoader::blank)) {
        return " has no families, or a blank one; not loaded";
      }
      if (plugin.modes() == null) {
        return " answers null for modes(); not loaded";
      }
      return null;
    } catch (RuntimeException | LinkageError e) {
      return " failed its self-check: " + e + "; not loaded";
    }
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  /** Why a plugin's SPI version keeps it out, or {@code null} when this server loads it. */
  private static String versionRefusal(PricingPlugin plugin) {
    String stated;
    try {
      stated = plugin.spiVersion();
    } catch (AbstractMethodError builtForVersionOne) {
      return " was built for pricing SPI version 1, which had no spiVersion()";
    }
    SpiVersion version;
    try {
      version = SpiVersion.parse(stated);
    } catch (IllegalArgumentException e) {
      return " states no usable SPI version: " + e.getMessage();
    }
    if (!SpiVersion.CURRENT.loads(version)) {
      return " was built for pricing SPI version "
          + version
          + "; this server speaks version "
          + SpiVersion.CURRENT
          + " and loads "
          + SpiVersion.CURRENT.major()
          + ".0 to "
          + SpiVersion.CURRENT;
    }
    return null;
  }

  private Map<String, Loaded> byFamily() {
    Map<String, Loaded> byFamily = new LinkedHashMap<>();
    List<String> conflicts = new ArrayList<>();
    for (Loaded candidate : loaded) {
      for (String family : candidate.plugin().families()) {
        Loaded earlier = byFamily.putIfAbsent(family, candidate);
        if (earlier != null) {
          conflicts.add(
              "family '"
                  + family
                  + "' is claimed by plugin "
                  + earlier.plugin().id()
                  + " ("
                  + earlier.source()
                  + ") and by plugin "
                  + candidate.plugin().id()
                  + " ("
                  + candidate.source()
                  + ")");
        }
      }
    }
    if (!conflicts.isEmpty()) {
      throw new IllegalStateException(
          "refusing to start: "
              + String.join("; ", conflicts)
              + ". Remove one of them from the class path.");
    }
    return byFamily;
  }

  private static String source(Class<?> type) {
    var codeSource = type.getProtectionDomain().getCodeSource();
    if (codeSource == null || codeSource.getLocation() == null) {
      return "class path";
    }
    String path = codeSource.getLocation().getPath();
    String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }
}
