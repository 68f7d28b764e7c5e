package io.tally.billing.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.billing.api.PluginView;
import io.tally.pricing.spi.PriceSheet;
import io.tally.pricing.spi.PricingPlugin;
import io.tally.pricing.spi.UsageFacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scans of the plugin directory: new, replaced, broken and removed jars, against a class path that
 * prices {@code image}.
 */
class PluginDirectoryTest {

  private static final PriceSheet SHEET =
      new PriceSheet("per_second", Map.of("ratePerSecond", "0.001"));

  private static final PluginLoader.Loaded IMAGE =
      new PluginLoader.Loaded(new TestPlugins.Image(), "test-classes");

  @TempDir Path temp;

  Path plugins;
  CompiledJars compiled;
  PluginDirectory directory;
  Set<String> usedFamilies = new HashSet<>();

  @BeforeEach
  void emptyDirectory() throws IOException {
    plugins = Files.createDirectories(temp.resolve("plugins"));
    compiled = new CompiledJars(temp.resolve("work"));
    directory = new PluginDirectory(plugins, temp.resolve("cache"), Map.of("image", IMAGE));
  }

  @Test
  void loadsAJarInItsOwnClassLoaderThatSeesTheSpiAndNotTheServer() throws Exception {
    write("audio.jar", audio("1.0", "1"));

    List<String> changes = scan();

    assertEquals(1, changes.size(), changes.toString());
    assertTrue(changes.get(0).startsWith("loaded audio 1.0 (audio.jar, sha256 "), changes.get(0));
    PricingPlugin audio = serving("audio");
    assertEquals("0.001500", price(audio));
    ClassLoader loader = audio.getClass().getClassLoader();
    assertNotSame(PluginDirectoryTest.class.getClassLoader(), loader);
    assertEquals(PricingPlugin.class, loader.loadClass(PricingPlugin.class.getName()));
    assertThrows(ClassNotFoundException.class, () -> loader.loadClass(Pricer.class.getName()));
    assertThrows(
        ClassNotFoundException.class, () -> loader.loadClass(PluginDirectoryTest.class.getName()));
    PluginView view = view("audio.jar");
    assertEquals(PluginView.ACTIVE, view.state());
    assertEquals(PluginJar.sha256Of(plugins.resolve("audio.jar")), view.sha256());
    assertEquals("2.1", view.spiVersion());
    assertNull(view.problem());
  }

  @Test
  void aJarReplacedInPlaceServesItsNewVersionWhileTheOldOneStillPrices() {
    write("audio.jar", audio("1.0", "1"));
    scan();
    PricingPlugin first = serving("audio");

    write("audio.jar", audio("2.0", "2"));
    List<String> changes = scan();

    assertEquals(1, changes.size(), changes.toString());
    assertTrue(changes.get(0).startsWith("replaced audio 1.0 (audio.jar"), changes.get(0));
    assertEquals("2.0", serving("audio").version());
    assertEquals("0.003000", price(serving("audio")));
    assertEquals("0.001500", price(first), "a call that took version 1 finishes on it");
  }

  @Test
  void aBrokenReplacementKeepsTheOldVersionAndSaysWhy() {
    write("audio.jar", audio("1.0", "1"));
    scan();
    Map<String, String> broken =
        Map.of(
            "not a jar", "is not a readable jar",
            "throws", "throws at load",
            "no families", "has no families",
            "future SPI", "was built for pricing SPI version 3.0",
            "class-path family", "claims family 'image', which plugin test-image");
    for (Map.Entry<String, String> kind : broken.entrySet()) {
      replaceWith(kind.getKey());

      assertEquals(List.of(), scan(), kind.getKey());

      assertEquals("1.0", serving("audio").version(), kind.getKey());
      List<PluginView> views = views("audio.jar");
      assertEquals(2, views.size(), views.toString());
      assertEquals(PluginView.KEPT, views.get(0).state());
      assertEquals("1.0", views.get(0).version());
      assertEquals(PluginView.REFUSED, views.get(1).state());
      assertTrue(views.get(1).problem().contains(kind.getValue()), views.get(1).problem());
      assertTrue(views.get(1).problem().endsWith("keeps serving"), views.get(1).problem());
      assertTrue(snapshot().problems().get(0).startsWith("audio.jar: "));
    }
  }

  @Test
  void aRemovedJarKeepsServingWhileAModelUsesItsFamily() throws IOException {
    write("audio.jar", audio("1.0", "1"));
    write("speech.jar", plugin("Speech", "speech", "1.0", "1", "", "speech"));
    scan();
    usedFamilies.add("audio");

    Files.delete(plugins.resolve("audio.jar"));
    Files.delete(plugins.resolve("speech.jar"));
    List<String> changes = scan();

    assertEquals(1, changes.size(), changes.toString());
    assertTrue(changes.get(0).startsWith("unloaded speech 1.0 (speech.jar"), changes.get(0));
    assertNull(snapshot().byFamily().get("speech"));
    assertEquals("1.0", serving("audio").version());
    PluginView kept = view("audio.jar");
    assertEquals(PluginView.KEPT, kept.state());
    assertTrue(
        kept.problem().startsWith("was removed from the directory, but models use family audio"),
        kept.problem());

    usedFamilies.clear();
    assertTrue(scan().get(0).startsWith("unloaded audio 1.0"));
    assertEquals(List.of(), snapshot().plugins().stream().skip(1).toList());
  }

  @Test
  void aNewVersionThatDropsAFamilyModelsUseIsNotSwappedIn() {
    write("audio.jar", plugin("Audio", "audio", "1.0", "1", "", "audio", "speech"));
    scan();
    usedFamilies.add("speech");

    write("audio.jar", audio("2.0", "2"));

    assertEquals(List.of(), scan());
    assertEquals("1.0", serving("speech").version());
    assertEquals("1.0", serving("audio").version());
    List<PluginView> views = views("audio.jar");
    assertEquals(PluginView.KEPT, views.get(0).state());
    assertTrue(
        views.get(0).problem().startsWith("audio 2.0 (audio.jar, sha256 "), views.get(0).problem());
    assertTrue(
        views.get(0).problem().contains(") drops family speech; audio 1.0 (audio.jar"),
        views.get(0).problem());
  }

  @Test
  void aJarRenamedInOneStepTakesOverItsFamily() throws IOException {
    write("audio-1.0.jar", audio("1.0", "1"));
    scan();
    usedFamilies.add("audio");

    Files.delete(plugins.resolve("audio-1.0.jar"));
    write("audio-2.0.jar", audio("2.0", "2"));
    List<String> changes = scan();

    assertEquals(2, changes.size(), changes.toString());
    assertEquals("2.0", serving("audio").version());
    assertEquals(List.of(), snapshot().problems());
  }

  @Test
  void aSecondJarOfOnePluginWaitsUntilTheFirstIsGone() throws IOException {
    write("audio-1.0.jar", audio("1.0", "1"));
    scan();
    write("audio-2.0.jar", audio("2.0", "2"));

    assertEquals(List.of(), scan());
    assertEquals("1.0", serving("audio").version());
    assertTrue(
        view("audio-2.0.jar").problem().startsWith("claims family 'audio', which plugin audio"),
        view("audio-2.0.jar").problem());

    Files.delete(plugins.resolve("audio-1.0.jar"));
    scan();
    assertEquals("2.0", serving("audio").version());
  }

  @Test
  void aJarThatClaimsAClassPathFamilyIsRefusedAtStart() {
    write("cheap-images.jar", plugin("CheapImages", "cheap-images", "1.0", "1", "", "image"));

    assertEquals(List.of(), scan());

    assertEquals("test-image", snapshot().byFamily().get("image").plugin().id());
    PluginView refused = view("cheap-images.jar");
    assertEquals(PluginView.REFUSED, refused.state());
    assertTrue(refused.problem().contains("test-image (test-classes)"), refused.problem());
  }

  @Test
  void notesAChangeOnlyWhenAJarChanged() {
    assertFalse(directory.changed());
    write("audio.jar", audio("1.0", "1"));
    assertTrue(directory.changed());
    scan();
    assertFalse(directory.changed());
  }

  // ------------------------------------------------------------------------------------ helpers

  private List<String> scan() {
    return directory.scan(
        Instant.parse("2026-11-29T08:00:00Z"),
        families -> {
          Set<String> used = new HashSet<>(families);
          used.retainAll(usedFamilies);
          return used;
        });
  }

  private PluginSnapshot snapshot() {
    return PluginSnapshot.of(
        List.of(new PluginSnapshot.ClassPathPlugin(IMAGE, null, "2026-11-29T07:00:00Z")),
        List.of(),
        directory.state(),
        List.of());
  }

  private PricingPlugin serving(String family) {
    return snapshot().byFamily().get(family).plugin();
  }

  private List<PluginView> views(String jar) {
    return snapshot().plugins().stream().filter(view -> jar.equals(view.source())).toList();
  }

  private PluginView view(String jar) {
    List<PluginView> views = views(jar);
    assertEquals(1, views.size(), views.toString());
    return views.get(0);
  }

  private static String price(PricingPlugin plugin) {
    return plugin.price(SHEET, UsageFacts.ofDuration(1500)).total().toPlainString();
  }

  private Map<String, byte[]> audio(String version, String factor) {
    return plugin("Audio", "audio", version, factor, "", "audio");
  }

  private Map<String, byte[]> plugin(
      String className, String id, String version, String factor, String body, String... families) {
    return compiled.plugin(className, id, version, factor, body, families);
  }

  private void replaceWith(String kind) {
    switch (kind) {
      case "not a jar" -> writeBytes("audio.jar", "not a jar".getBytes());
      case "throws" ->
          write(
              "audio.jar",
              plugin(
                  "Audio",
                  "audio",
                  "2.0",
                  "2",
                  "public Audio() { throw new IllegalStateException(\"no\"); }",
                  "audio"));
      case "no families" ->
          write(
              "audio.jar",
              plugin(
                  "Audio",
                  "audio",
                  "2.0",
                  "2",
                  "public Set<String> families() {" + " return Set.of(); }"));
      case "future SPI" ->
          write(
              "audio.jar",
              plugin(
                  "Audio",
                  "audio",
                  "2.0",
                  "2",
                  "public String spiVersion() { return \"3.0\"; }",
                  "audio"));
      case "class-path family" ->
          write("audio.jar", plugin("Audio", "audio", "2.0", "2", "", "audio", "image"));
      default -> throw new IllegalArgumentException(kind);
    }
  }

  private void write(String jar, Map<String, byte[]> entries) {
    CompiledJars.jar(plugins.resolve(jar), entries);
    touch(jar);
  }

  private void writeBytes(String jar, byte[] bytes) {
    try {
      Files.write(plugins.resolve(jar), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    touch(jar);
  }

  /** A new modification time, as a copy would give, whatever the file system's resolution. */
  private void touch(String jar) {
    try {
      Files.setLastModifiedTime(
          plugins.resolve(jar),
          java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(touches++)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private long touches;
}
