package io.tally.billing.pricing;

import io.tally.pricing.spi.PricingPlugin;
import io.tally.pricing.spi.SpiVersion;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Finds pricing plugins on the class path and in the jars of a plugin directory.
 *
 * <p>One broken jar or provider is reported by name and skipped; a plugin built for another SPI
 * version is refused; two plugins claiming one family stop the load, because a billing server must
 * not pick one silently.
 */
public final class PluginLoader {

  /** A loaded plugin and the jar (or directory) it came from. */
  public record Loaded(PricingPlugin plugin, String source) {}

  /** The plugins by family, and what could not be loaded. */
  public record Result(Map<String, Loaded> byFamily, List<String> problems) {}

  private final List<Loaded> loaded = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();

  private PluginLoader() {}

  public static Result load(ClassLoader classPath, Path pluginDirectory) {
    PluginLoader loader = new PluginLoader();
    loader.scan(classPath, null);
    if (pluginDirectory != null) {
      loader.scanDirectory(classPath, pluginDirectory);
    }
    return new Result(loader.byFamily(), List.copyOf(loader.problems));
  }

  private void scanDirectory(ClassLoader parent, Path directory) {
    if (!Files.isDirectory(directory)) {
      problems.add("plugin directory " + directory + " does not exist");
      return;
    }
    try (Stream<Path> files = Files.list(directory)) {
      files
          .filter(file -> file.getFileName().toString().endsWith(".jar"))
          .sorted()
          .forEach(jar -> scan(jarLoader(jar, parent), jar.getFileName().toString()));
    } catch (IOException e) {
      problems.add("cannot read plugin directory " + directory + ": " + e.getMessage());
    }
  }

  @SuppressWarnings("resource") // the loader lives as long as the plugins it loaded
  private static ClassLoader jarLoader(Path jar, ClassLoader parent) {
    try {
      return new URLClassLoader(new URL[] {jar.toUri().toURL()}, parent);
    } catch (MalformedURLException e) {
      throw new IllegalStateException("not a jar path: " + jar, e);
    }
  }

  /** Loads the providers visible to {@code classLoader}; from a jar, only the jar's own. */
  private void scan(ClassLoader classLoader, String jar) {
    Iterator<ServiceLoader.Provider<PricingPlugin>> providers =
        ServiceLoader.load(PricingPlugin.class, classLoader).stream().iterator();
    while (true) {
      try {
        if (!providers.hasNext()) {
          return;
        }
        ServiceLoader.Provider<PricingPlugin> provider = providers.next();
        if (jar != null && provider.type().getClassLoader() != classLoader) {
          continue;
        }
        accept(provider.get(), jar != null ? jar : source(provider.type()));
      } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
        problems.add(
            "broken pricing plugin in " + (jar != null ? jar : "the class path") + ": " + e);
        if (e instanceof ServiceConfigurationError && jar != null) {
          return;
        }
      }
    }
  }

  private void accept(PricingPlugin plugin, String source) {
    String name = plugin.getClass().getName() + " (" + source + ")";
    String refusal = versionRefusal(plugin);
    if (refusal != null) {
      problems.add(name + refusal + "; not loaded");
      return;
    }
    if (plugin.id() == null
        || plugin.id().isBlank()
        || plugin.families() == null
        || plugin.families().isEmpty()) {
      problems.add(name + " has no id or no families; not loaded");
      return;
    }
    loaded.add(new Loaded(plugin, source));
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
              + ". Remove one of them from the class path or plugin directory.");
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
