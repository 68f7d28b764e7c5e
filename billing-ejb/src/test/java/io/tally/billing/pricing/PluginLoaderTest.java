package io.tally.billing.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.pricing.spi.SpiVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading pricing plugins from the class path. Each test builds the class path it needs: a services
 * file in a temporary directory naming test plugins. The plugin directory's jars: {@link
 * PluginDirectoryTest}.
 */
class PluginLoaderTest {

  @TempDir Path temp;

  @Test
  void loadsThePluginsOnTheClassPathByFamily() {
    PluginLoader.Result result =
        PluginLoader.classPath(classPath(TestPlugins.Image.class, TestPlugins.Video.class));

    assertEquals(List.of(), result.problems());
    assertEquals(Set.of("image", "video", "clip"), result.byFamily().keySet());
    assertInstanceOf(TestPlugins.Image.class, result.byFamily().get("image").plugin());
    assertInstanceOf(TestPlugins.Video.class, result.byFamily().get("video").plugin());
    assertEquals(result.byFamily().get("video"), result.byFamily().get("clip"));
    assertEquals("test-classes", result.byFamily().get("image").source());
  }

  @Test
  void refusesTwoPluginsClaimingOneFamily() {
    ClassLoader classPath = classPath(TestPlugins.Image.class, TestPlugins.RivalImage.class);

    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> PluginLoader.classPath(classPath));

    assertTrue(refused.getMessage().contains("family 'image'"), refused.getMessage());
    assertTrue(refused.getMessage().contains("test-image"), refused.getMessage());
    assertTrue(refused.getMessage().contains("rival-image"), refused.getMessage());
  }

  @Test
  void skipsAndReportsAPluginBuiltForAnotherApiVersion() {
    PluginLoader.Result result =
        PluginLoader.classPath(classPath(TestPlugins.FromTheFuture.class, TestPlugins.Image.class));

    assertEquals(Set.of("image"), result.byFamily().keySet());
    assertEquals(1, result.problems().size(), result.problems().toString());
    String problem = result.problems().get(0);
    assertTrue(problem.contains(TestPlugins.FromTheFuture.class.getName()), problem);
    assertTrue(problem.contains("SPI version " + (SpiVersion.CURRENT.major() + 1) + ".0"), problem);
    assertTrue(problem.contains("not loaded"), problem);
  }

  @Test
  void reportsABrokenProviderOnTheClassPathAndLoadsTheOthers() {
    ClassLoader classPath =
        classPath(
            TestPlugins.Image.class.getName(),
            "io.tally.plugins.gone.GonePricing",
            TestPlugins.Video.class.getName());

    PluginLoader.Result result = PluginLoader.classPath(classPath);

    assertEquals(Set.of("image", "video", "clip"), result.byFamily().keySet());
    assertEquals(1, result.problems().size(), result.problems().toString());
    assertTrue(
        result.problems().get(0).contains("io.tally.plugins.gone.GonePricing"),
        result.problems().get(0));
  }

  /** The test class path plus a services file naming {@code providers}, and nothing else. */
  private ClassLoader classPath(Class<?>... providers) {
    return classPath(Arrays.stream(providers).map(Class::getName).toArray(String[]::new));
  }

  private ClassLoader classPath(String... providerNames) {
    Path root = temp.resolve("class-path");
    CompiledJars.write(
        root.resolve(CompiledJars.SERVICES), String.join("\n", providerNames) + "\n");
    try {
      Files.createDirectories(root);
      return new URLClassLoader(
          new URL[] {root.toUri().toURL()}, PluginLoaderTest.class.getClassLoader());
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
