package io.tally.billing.pricing;

import io.tally.pricing.spi.PricingPlugin;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;

/**
 * One version of one jar of the plugin directory, opened: its plugins, or why it was refused.
 *
 * <p>The jar is first copied into a content-addressed cache (named by its SHA-256), and the copy is
 * what the class loader opens, so that an admin may overwrite or delete the directory's file while
 * the old version still serves. Each jar gets its own class loader whose parent sees the pricing
 * SPI and the JDK only, not the server's classes: a plugin can use nothing else, and cannot clash
 * with the server's libraries.
 *
 * <p>Old class loaders are not closed: a call in flight may still load a class through one, and
 * counting calls would cost the charge path. One that no snapshot holds is collected with its
 * plugins, which closes its jar; the cached copies stay (a few kilobytes per version).
 */
record PluginJar(
    String jar,
    String sha256,
    Instant loadedAt,
    List<PluginLoader.Loaded> plugins,
    String refusal) {

  private static final String SERVICES = "META-INF/services/" + PricingPlugin.class.getName();

  boolean loaded() {
    return refusal == null;
  }

  /** The same content as {@code other} (both may be null). */
  boolean sameAs(PluginJar other) {
    return other != null && other.sha256.equals(sha256);
  }

  /** Copies {@code file} into {@code cache} and loads its plugins, checked; never throws. */
  static PluginJar open(Path file, Path cache, Instant now) {
    String jar = file.getFileName().toString();
    Path copy;
    try {
      copy = cached(file, cache);
    } catch (IOException | UncheckedIOException e) {
      return new PluginJar(jar, "", now, List.of(), "cannot be read: " + e.getMessage());
    }
    String sha256 = copy.getFileName().toString().replace(".jar", "");
    String notAJar = notAPluginJar(copy);
    if (notAJar != null) {
      return new PluginJar(jar, sha256, now, List.of(), notAJar);
    }
    URLClassLoader loader;
    try {
      loader =
          new URLClassLoader(
              "plugin " + jar + " " + sha256.substring(0, 12),
              new URL[] {copy.toUri().toURL()},
              new SpiOnly(PricingPlugin.class.getClassLoader()));
    } catch (IOException e) {
      return new PluginJar(jar, sha256, now, List.of(), "cannot be opened: " + e);
    }
    List<PluginLoader.Loaded> plugins = new ArrayList<>();
    String refusal = load(loader, jar, plugins);
    if (refusal == null && plugins.isEmpty()) {
      refusal = "holds no pricing plugin";
    }
    if (refusal != null) {
      close(loader);
      return new PluginJar(jar, sha256, now, List.of(), refusal);
    }
    return new PluginJar(jar, sha256, now, List.copyOf(plugins), null);
  }

  /** Loads every provider the jar defines; the first failure refuses the whole jar. */
  private static String load(ClassLoader loader, String jar, List<PluginLoader.Loaded> plugins) {
    try {
      for (ServiceLoader.Provider<PricingPlugin> provider :
          ServiceLoader.load(PricingPlugin.class, loader).stream().toList()) {
        PricingPlugin plugin = provider.get();
        String refusal = PluginLoader.refusal(plugin);
        if (refusal != null) {
          return "plugin " + plugin.getClass().getName() + refusal;
        }
        plugins.add(new PluginLoader.Loaded(plugin, jar));
      }
      return null;
    } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
      return "throws at load: " + e;
    }
  }

  /** Why {@code copy} is no plugin jar at all, or {@code null}. */
  private static String notAPluginJar(Path copy) {
    try (JarFile file = new JarFile(copy.toFile())) {
      file.getManifest();
      if (file.getJarEntry(SERVICES) == null) {
        return "is not a pricing plugin: it has no " + SERVICES;
      }
      return null;
    } catch (IOException | SecurityException e) {
      return "is not a readable jar (or its manifest is bad): " + e.getMessage();
    }
  }

  /**
   * Copies first and names the copy by its digest: the digest is of what was copied, even if the
   * file is being written at the same time.
   */
  private static Path cached(Path file, Path cache) throws IOException {
    Files.createDirectories(cache);
    Path partial = Files.createTempFile(cache, "copy-", ".part");
    try {
      MessageDigest digest = newDigest();
      try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
        Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      }
      Path named = cache.resolve(HexFormat.of().formatHex(digest.digest()) + ".jar");
      if (!Files.exists(named)) {
        Files.move(partial, named, StandardCopyOption.ATOMIC_MOVE);
      }
      return named;
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  /** The SHA-256 of a file, hex, or {@code null} when it cannot be read. */
  static String sha256Of(Path file) {
    MessageDigest digest = newDigest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      return null;
    }
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static void close(URLClassLoader loader) {
    try {
      loader.close();
    } catch (IOException ignored) {
      // Nothing uses a refused jar's loader; the collector closes what this could not.
    }
  }

  /** Sees the pricing SPI (from the server) and the JDK, and nothing else of the server. */
  private static final class SpiOnly extends ClassLoader {

    private static final String SPI_PACKAGE = PricingPlugin.class.getPackageName() + ".";

    private final ClassLoader spi;

    SpiOnly(ClassLoader spi) {
      super("tally-pricing-spi", ClassLoader.getPlatformClassLoader());
      this.spi = spi;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith(SPI_PACKAGE)) {
        return spi.loadClass(name);
      }
      return super.loadClass(name, resolve);
    }
  }
}
