package io.tally.billing.pricing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.tally.pricing.spi.PricingPlugin;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Plugin jars compiled while the test runs, so that only their jar defines their classes. */
final class CompiledJars {

  static final String SERVICES = "META-INF/services/" + PricingPlugin.class.getName();

  private final Path work;
  private int builds;

  CompiledJars(Path work) {
    this.work = work;
  }

  /**
   * A plugin pricing GPU time for {@code families} at the sheet's rate times {@code factor}; {@code
   * body} adds members (or overrides, such as a constructor that throws).
   */
  Map<String, byte[]> plugin(
      String className, String id, String version, String factor, String body, String... families) {
    String packageName = "io.tally.plugins.compiled";
    String source =
        String.join(
            "\n",
            "package " + packageName + ";",
            "import io.tally.pricing.spi.*;",
            "import java.math.BigDecimal;",
            "import java.util.Set;",
            "public final class " + className + " implements PricingPlugin {",
            "  public String id() { return \"" + id + "\"; }",
            "  public String version() { return \"" + version + "\"; }",
            body.contains("spiVersion()")
                ? ""
                : "  public String spiVersion() { return SPI_VERSION; }",
            body.contains("families()")
                ? ""
                : "  public Set<String> families() { return Set.of(" + quoted(families) + "); }",
            "  public void validate(PriceSheet sheet) { Formulas.validatePerSecond(sheet); }",
            "  public Quote price(PriceSheet sheet, UsageFacts usage) {",
            "    BigDecimal rate = sheet.decimal(\"ratePerSecond\").multiply(new BigDecimal(\""
                + factor
                + "\"));",
            "    return Quote.of(LineItem.of(\""
                + version
                + "\", Formulas.seconds(usage),"
                + " \"second\", rate));",
            "  }",
            body,
            "}");
    int build = builds++;
    Path sources = directory("sources-" + build);
    Path classes = directory("classes-" + build);
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

  static Map<String, byte[]> services(String... providerNames) {
    return Map.of(SERVICES, (String.join("\n", providerNames) + "\n").getBytes(UTF_8));
  }

  private static String quoted(String... names) {
    return String.join(", ", java.util.Arrays.stream(names).map(n -> "\"" + n + "\"").toList());
  }

  private static Path spiLocation() {
    try {
      return Path.of(
          PricingPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes a jar of {@code entries} (directories first, as the jar tool does). */
  static void jar(Path jar, Map<String, byte[]> entries) {
    TreeSet<String> directories = new TreeSet<>();
    for (String name : entries.keySet()) {
      for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
        directories.add(name.substring(0, slash + 1));
      }
    }
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      for (String directory : directories) {
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

  private Path directory(String name) {
    try {
      return Files.createDirectories(work.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path file, String text) {
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
