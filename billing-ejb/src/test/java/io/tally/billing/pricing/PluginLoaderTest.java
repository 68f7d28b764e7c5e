package io.tally.billing.pricing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.pricing.spi.PriceSheet;
import io.tally.pricing.spi.PricingPlugin;
import io.tally.pricing.spi.SpiVersion;
import io.tally.pricing.spi.UsageFacts;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading pricing plugins from the class path and from the jars of a plugin directory. Each test
 * builds the class path it needs: a services file in a temporary directory naming test plugins.
 */
class PluginLoaderTest {

  private static final String SERVICES = "META-INF/services/" + PricingPlugin.class.getName();

  @TempDir Path temp;

  @Test
  void loadsThePluginsOnTheClassPathByFamily() {
    PluginLoader.Result result =
        PluginLoader.load(classPath(TestPlugins.Image.class, TestPlugins.Video.class), null);

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
        assertThrows(IllegalStateException.class, () -> PluginLoader.load(classPath, null));

    assertTrue(refused.getMessage().contains("family 'image'"), refused.getMessage());
    assertTrue(refused.getMessage().contains("test-image"), refused.getMessage());
    assertTrue(refused.getMessage().contains("rival-image"), refused.getMessage());
  }

  @Test
  void skipsAndReportsAPluginBuiltForAnotherApiVersion() {
    PluginLoader.Result result =
        PluginLoader.load(
            classPath(TestPlugins.FromTheFuture.class, TestPlugins.Image.class), null);

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

    PluginLoader.Result result = PluginLoader.load(classPath, null);

    assertEquals(Set.of("image", "video", "clip"), result.byFamily().keySet());
    assertEquals(1, result.problems().size(), result.problems().toString());
    assertTrue(
        result.problems().get(0).contains("io.tally.plugins.gone.GonePricing"),
        result.problems().get(0));
  }

  @Test
  void reportsABrokenJarByNameAndStillLoadsTheOthers() {
    Path plugins = directory("plugins");
    jar(plugins.resolve("broken-pricing-1.0.jar"), services("io.tally.plugins.gone.GonePricing"));

    PluginLoader.Result result =
        PluginLoader.load(classPath(TestPlugins.Image.class, TestPlugins.Video.class), plugins);

    assertEquals(Set.of("image", "video", "clip"), result.byFamily().keySet());
    assertEquals(1, result.problems().size(), result.problems().toString());
    String problem = result.problems().get(0);
    assertTrue(problem.contains("broken-pricing-1.0.jar"), problem);
    assertTrue(problem.contains("io.tally.plugins.gone.GonePricing"), problem);
  }

  @Test
  void ignoresProvidersThatAJarNamesButDoesNotDefine() {
    Path plugins = directory("plugins");
    // RivalImage would clash with Image, but the jar only names it: its class comes from the
    // class path, so it is not the jar's plugin.
    jar(plugins.resolve("borrowed.jar"), services(TestPlugins.RivalImage.class.getName()));

    PluginLoader.Result result = PluginLoader.load(classPath(TestPlugins.Image.class), plugins);

    assertEquals(List.of(), result.problems());
    assertEquals(Set.of("image"), result.byFamily().keySet());
    assertInstanceOf(TestPlugins.Image.class, result.byFamily().get("image").plugin());
  }

  @Test
  void loadsAPluginFromAJarInThePluginDirectory() {
    Path plugins = directory("plugins");
    jar(plugins.resolve("audio-pricing-2.1.jar"), compiledPlugin("AudioPricing", "audio", "audio"));
    ClassLoader classPath = classPath(TestPlugins.Image.class);

    PluginLoader.Result result = PluginLoader.load(classPath, plugins);

    assertEquals(List.of(), result.problems());
    assertEquals(Set.of("image", "audio"), result.byFamily().keySet());
    PluginLoader.Loaded audio = result.byFamily().get("audio");
    assertEquals("audio", audio.plugin().id());
    assertEquals("audio-pricing-2.1.jar", audio.source());
    assertNotSame(classPath, audio.plugin().getClass().getClassLoader());
    assertEquals(
        "0.001500",
        audio
            .plugin()
            .price(
                new PriceSheet("per_second", Map.of("ratePerSecond", "0.001")),
                UsageFacts.ofDuration(1500))
            .total()
            .toPlainString());
  }

  @Test
  void refusesAJarPluginClaimingAFamilyFromTheClassPath() {
    Path plugins = directory("plugins");
    jar(
        plugins.resolve("cheap-images.jar"),
        compiledPlugin("CheapImages", "cheap-images", "image"));
    ClassLoader classPath = classPath(TestPlugins.Image.class);

    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> PluginLoader.load(classPath, plugins));

    assertTrue(refused.getMessage().contains("test-image"), refused.getMessage());
    assertTrue(
        refused.getMessage().contains("cheap-images (cheap-images.jar)"), refused.getMessage());
  }

  @Test
  void reportsAPluginDirectoryThatDoesNotExist() {
    Path missing = temp.resolve("no-such-directory");

    PluginLoader.Result result = PluginLoader.load(classPath(TestPlugins.Image.class), missing);

    assertEquals(Set.of("image"), result.byFamily().keySet());
    assertEquals(List.of("plugin directory " + missing + " does not exist"), result.problems());
  }

  // ---------------------------------------------------------------- building class paths and jars

  /** The test class path plus a services file naming {@code providers}, and nothing else. */
  private ClassLoader classPath(Class<?>... providers) {
    return classPath(Arrays.stream(providers).map(Class::getName).toArray(String[]::new));
  }

  private ClassLoader classPath(String... providerNames) {
    Path root = directory("class-path");
    write(root.resolve(SERVICES), String.join("\n", providerNames) + "\n");
    try {
      return new URLClassLoader(
          new URL[] {root.toUri().toURL()}, PluginLoaderTest.class.getClassLoader());
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, byte[]> services(String... providerNames) {
    return Map.of(SERVICES, (String.join("\n", providerNames) + "\n").getBytes(UTF_8));
  }

  /**
   * A plugin compiled now, so that only its jar defines it: the entries of a jar holding it and its
   * services file. It prices GPU time for {@code family}.
   */
  private Map<String, byte[]> compiledPlugin(String className, String id, String family) {
    String packageName = "io.tally.plugins.compiled";
    String source =
        String.join(
            "\n",
            "package " + packageName + ";",
            "import io.tally.pricing.spi.*;",
            "import java.util.Set;",
            "public final class " + className + " implements PricingPlugin {",
            "  public String id() { return \"" + id + "\"; }",
            "  public String version() { return \"2.1.0\"; }",
            "  public String spiVersion() { return SPI_VERSION; }",
            "  public Set<String> families() { return Set.of(\"" + family + "\"); }",
            "  public void validate(PriceSheet sheet) { Formulas.validatePerSecond(sheet); }",
            "  public Quote price(PriceSheet sheet, UsageFacts usage) {",
            "    return Quote.of(Formulas.perSecond(sheet, usage));",
            "  }",
            "}");
    Path sources = directory("sources-" + className);
    Path classes = directory("classes-" + className);
    Path file = sources.resolve(className + ".java");
    write(file, source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertNotNull(javac, "the tests run on a JDK");
    int exit =
        javac.run(
            null,
            null,
            null,
            "--release",
            "17",
            "-classpath",
            spiLocation().toString(),
            "-d",
            classes.toString(),
            file.toString());
    assertEquals(0, exit, "compiling " + className);
    String classFile = packageName.replace('.', '/') + "/" + className + ".class";
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(classFile, read(classes.resolve(classFile)));
    entries.putAll(services(packageName + "." + className));
    return entries;
  }

  private static Path spiLocation() {
    try {
      return Path.of(
          PricingPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void jar(Path jar, Map<String, byte[]> entries) {
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      for (String directory : directories(entries.keySet())) {
        out.putNextEntry(new JarEntry(directory));
        out.closeEntry();
      }
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        out.putNextEntry(new JarEntry(entry.getKey()));
        out.write(entry.getValue());
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The parent directories of {@code names}, parents first, as a jar tool writes them. */
  private static List<String> directories(Set<String> names) {
    return names.stream()
        .flatMap(
            name -> {
              List<String> parents = new java.util.ArrayList<>();
              for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
                parents.add(name.substring(0, slash + 1));
              }
              return parents.stream();
            })
        .distinct()
        .sorted()
        .collect(Collectors.toList());
  }

  private Path directory(String name) {
    try {
      return Files.createDirectories(temp.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
