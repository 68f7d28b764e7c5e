package io.tally.billing.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.tally.pricing.spi.PricingPlugin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Plugin jars compiled while the test runs (against the SPI on the test class path, or against an
 * older {@code PricingPlugin} from the test resources, so the class file carries what that version
 * had), and the test server's plugin directory they are put in.
 */
final class PluginJars {

  /** The running server's {@code tally.plugins.dir}. */
  static final Path DIRECTORY = Path.of(System.getProperty("it.plugins.dir"));

  private static final String PACKAGE = "io.tally.plugins.it";

  /** The SPI the plugin is compiled against. */
  enum Spi {
    CURRENT(null),
    V2_0("spi/PricingPlugin-2.0.java.txt"),
    V1("spi/PricingPlugin-1.java.txt");

    private final String oldInterface;

    Spi(String oldInterface) {
      this.oldInterface = oldInterface;
    }
  }

  private PluginJars() {}

  /**
   * A plugin of {@code family} pricing GPU seconds at the sheet's {@code ratePerSecond} × {@code
   * factor}; {@code spiVersionMember} is its {@code spiVersion()} (empty for SPI 1, which had
   * none).
   */
  static byte[] plugin(
      Spi spi, String id, String version, String factor, String family, String spiVersionMember) {
    String className = "Plugin" + Integer.toHexString((id + version + spi).hashCode() & 0xfffffff);
    String source =
        String.join(
            "\n",
            "package " + PACKAGE + ";",
            "import io.tally.pricing.spi.*;",
            "import java.math.BigDecimal;",
            "import java.util.Set;",
            "public final class " + className + " implements PricingPlugin {",
            "  public String id() { return \"" + id + "\"; }",
            "  public String version() { return \"" + version + "\"; }",
            spiVersionMember,
            "  public Set<String> families() { return Set.of(\"" + family + "\"); }",
            "  public void validate(PriceSheet sheet) { Formulas.validatePerSecond(sheet); }",
            "  public Quote price(PriceSheet sheet, UsageFacts usage) {",
            "    BigDecimal rate = sheet.decimal(\"ratePerSecond\").multiply(new BigDecimal(\""
                + factor
                + "\"));",
            "    return Quote.of(LineItem.of(\""
                + id
                + " "
                + version
                + "\","
                + " Formulas.seconds(usage), \"second\", rate));",
            "  }",
            "}");
    return compile(className, source, spi);
  }

  /** {@code spiVersion()} as the SPI asks: the constant of the interface compiled against. */
  static final String STATES_ITS_SPI = "  public String spiVersion() { return SPI_VERSION; }";

  private static byte[] compile(String className, String source, Spi spi) {
    try {
      Path work = Files.createTempDirectory("plugin-src");
      List<String> files = new ArrayList<>();
      files.add(write(work.resolve(className + ".java"), source).toString());
      if (spi.oldInterface != null) {
        files.add(write(work.resolve("PricingPlugin.java"), resource(spi.oldInterface)).toString());
      }
      Path classes = Files.createDirectories(work.resolve("classes"));
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      assertNotNull(javac, "the tests run on a JDK");
      List<String> arguments =
          new ArrayList<>(
              List.of("--release", "17", "-classpath", spiLocation(), "-d", classes.toString()));
      arguments.addAll(files);
      assertEquals(0, javac.run(null, null, null, arguments.toArray(String[]::new)), className);
      String classFile = PACKAGE.replace('.', '/') + "/" + className + ".class";
      // Only the plugin's class goes in the jar: an old PricingPlugin compiled beside it stays out.
      return jar(
          classFile,
          Files.readAllBytes(classes.resolve(classFile)),
          (PACKAGE + "." + className + "\n").getBytes(UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] jar(String classFile, byte[] classBytes, byte[] services) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JarOutputStream out = new JarOutputStream(bytes)) {
      String directory = "";
      for (String part : classFile.substring(0, classFile.lastIndexOf('/')).split("/")) {
        directory += part + "/";
        out.putNextEntry(new JarEntry(directory));
        out.closeEntry();
      }
      out.putNextEntry(new JarEntry(classFile));
      out.write(classBytes);
      out.closeEntry();
      out.putNextEntry(new JarEntry("META-INF/services/" + PricingPlugin.class.getName()));
      out.write(services);
      out.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Puts a jar in the directory the way an admin should: written aside, then moved in by one
   * rename, so the poll never sees half a jar.
   */
  static void put(String jar, byte[] bytes) {
    try {
      Path aside = Files.write(DIRECTORY.resolve(jar + ".part"), bytes);
      Files.move(
          aside,
          DIRECTORY.resolve(jar),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void remove(String jar) {
    try {
      Files.delete(DIRECTORY.resolve(jar));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Empties the directory of jars, as other test classes expect it. */
  static void removeAll() {
    try (Stream<Path> files = Files.list(DIRECTORY)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".jar")).toList()) {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String spiLocation() {
    try {
      return Path.of(
              PricingPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = PluginJars.class.getClassLoader().getResourceAsStream(name)) {
      assertNotNull(in, name);
      return new String(in.readAllBytes(), UTF_8);
    }
  }

  private static Path write(Path file, String text) throws IOException {
    return Files.writeString(file, text);
  }
}
