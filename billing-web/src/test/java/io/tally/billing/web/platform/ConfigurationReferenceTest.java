package io.tally.billing.web.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration table is the admins' reference: every key the code reads is in it,
 * with the default the code uses, and it lists no key that nothing reads. Keys are found in every
 * module's main sources ({@code @ConfigProperty}, {@code Config.getValue/getOptionalValue}), in
 * {@code META-INF/microprofile-config.properties} (which also sets defaults, and may set a
 * platform's keys such as {@code mp.*}), and in the {@code ${MPCONFIG=key:default}} placeholders of
 * the Payara boot scripts.
 */
class ConfigurationReferenceTest {

  private static final Path ROOT = Path.of("..");

  /** What the README writes for a key without a default. */
  static final String NONE = "none";

  private static final Pattern ANNOTATION = Pattern.compile("@ConfigProperty\\(([^)]*)\\)");
  private static final Pattern NAME = Pattern.compile("name\\s*=\\s*\"([^\"]+)\"");
  private static final Pattern DEFAULT = Pattern.compile("defaultValue\\s*=\\s*\"([^\"]*)\"");
  private static final Pattern PROGRAMMATIC =
      Pattern.compile(
          "\\.get(?:Optional)?Value\\(\\s*\"([a-z][\\w.-]*\\.[\\w.-]+)\"[^;]*?(?:\\.orElse\\(\\s*([^)]+?)\\s*\\))?;");
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\$\\{MPCONFIG=([^:}]+)(?::([^}]*))?}");
  private static final Pattern TICKED = Pattern.compile("`([^`]+)`");

  @Test
  void everyKeyTheCodeReadsIsInTheReadmeWithItsDefault() throws IOException {
    Map<String, String> code = keysInCode();
    Map<String, String> readme = readmeTable();
    List<String> problems = new ArrayList<>();
    code.forEach(
        (key, fallback) -> {
          if (!readme.containsKey(key)) {
            problems.add(key + ": read by the code, missing from the README's table");
          } else if (!readme.get(key).equals(fallback)) {
            problems.add(
                key + ": default " + fallback + " in the code, " + readme.get(key) + " in README");
          }
        });
    readme.keySet().stream()
        .filter(key -> !code.containsKey(key))
        .forEach(key -> problems.add(key + ": in the README's table, read by no code (stale)"));
    assertEquals(List.of(), problems);
  }

  @Test
  void findsTheKeysOfEachKindOfSource() throws IOException {
    Map<String, String> code = keysInCode();
    assertEquals("900", code.get("tally.holds.ttl-seconds")); // annotation and properties
    assertEquals("5", code.get("tally.unavailable.retry-after-seconds")); // programmatic
    assertEquals("64", code.get("tally.db.pool.max-size")); // asadmin
    assertEquals(NONE, code.get("tally.admin.key")); // no default anywhere
    assertTrue(readmeTable().containsKey("tally.auto-recharge.min-amount"), "short key forms");
  }

  /** Every key read in the code, with its default (NONE without one). */
  static Map<String, String> keysInCode() throws IOException {
    Map<String, List<String>> defaults = new TreeMap<>();
    for (Path source : files("src/main/java", ".java")) {
      String text = Files.readString(source);
      Matcher annotation = ANNOTATION.matcher(text);
      while (annotation.find()) {
        Matcher name = NAME.matcher(annotation.group(1));
        assertTrue(name.find(), source + ": " + annotation.group());
        Matcher fallback = DEFAULT.matcher(annotation.group(1));
        add(defaults, name.group(1), fallback.find() ? fallback.group(1) : null);
      }
      Matcher programmatic = PROGRAMMATIC.matcher(text);
      while (programmatic.find()) {
        add(defaults, programmatic.group(1), literal(programmatic.group(2)));
      }
    }
    for (Path script : files("src/main/payara", ".asadmin")) {
      Matcher placeholder = PLACEHOLDER.matcher(Files.readString(script));
      while (placeholder.find()) {
        add(defaults, placeholder.group(1), placeholder.group(2));
      }
    }
    Map<String, String> properties = new TreeMap<>();
    for (Path file : files("src/main/resources/META-INF", "microprofile-config.properties")) {
      Properties loaded = new Properties();
      loaded.load(new StringReader(Files.readString(file)));
      loaded.stringPropertyNames().forEach(key -> properties.put(key, loaded.getProperty(key)));
    }
    Map<String, String> keys = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    // A platform's key (mp.*, payara.*) is read by the server, not by Tally's code: an admin
    // still needs it in the table. A tally.* key that no code reads is a leftover.
    properties.keySet().stream()
        .filter(key -> !defaults.containsKey(key))
        .forEach(
            key -> {
              if (key.startsWith("tally.")) {
                problems.add(key + ": in microprofile-config.properties, read by no code");
              } else {
                add(defaults, key, null);
              }
            });
    defaults.forEach(
        (key, found) -> {
          // The properties file outranks an annotation's default; an empty value means none.
          List<String> all = new ArrayList<>(found);
          Optional.ofNullable(properties.get(key)).ifPresent(all::add);
          List<String> distinct =
              all.stream()
                  .map(value -> value == null || value.isBlank() ? NONE : value)
                  .distinct()
                  .toList();
          List<String> stated = distinct.stream().filter(value -> !NONE.equals(value)).toList();
          if (stated.size() > 1) {
            problems.add(key + ": the code has different defaults " + stated);
          }
          keys.put(key, stated.isEmpty() ? NONE : stated.get(0));
        });
    assertEquals(List.of(), problems);
    return keys;
  }

  /** The configuration table: key to default (NONE for "none", "(none)", "none (…)"). */
  static Map<String, String> readmeTable() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int section = readme.indexOf("\n## Configuration\n");
    assertTrue(section >= 0, "README has a Configuration section");
    Map<String, String> table = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    boolean inTable = false;
    for (String line : readme.substring(section + 1).split("\n")) {
      if (line.startsWith("| key |")) {
        inTable = true;
      } else if (inTable && !line.startsWith("|")) {
        break;
      }
      if (!inTable || !line.startsWith("| `")) {
        continue;
      }
      String[] cells = line.substring(1).split(" \\| ", 3);
      List<String> keys = keys(cells[0]);
      List<String> fallbacks = Stream.of(cells[1].trim().split(" / ")).map(String::trim).toList();
      if (cells.length < 3 || cells[2].replace("|", "").isBlank()) {
        problems.add(line + ": no meaning");
      }
      if (fallbacks.size() != 1 && fallbacks.size() != keys.size()) {
        problems.add(line + ": " + keys.size() + " keys but " + fallbacks.size() + " defaults");
        continue;
      }
      for (int i = 0; i < keys.size(); i++) {
        table.put(keys.get(i), stated(fallbacks.get(fallbacks.size() == 1 ? 0 : i)));
      }
    }
    assertEquals(List.of(), problems);
    return table;
  }

  /** {@code `tally.mail.host` / `port`}: a bare name replaces the previous key's last part. */
  private static List<String> keys(String cell) {
    List<String> keys = new ArrayList<>();
    Matcher ticked = TICKED.matcher(cell);
    while (ticked.find()) {
      String key = ticked.group(1);
      if (!key.contains(".") && !keys.isEmpty()) {
        String previous = keys.get(keys.size() - 1);
        key = previous.substring(0, previous.lastIndexOf('.') + 1) + key;
      }
      keys.add(key);
    }
    return keys;
  }

  private static String stated(String cell) {
    Matcher ticked = TICKED.matcher(cell);
    if (cell.startsWith("`") && ticked.find()) {
      return ticked.group(1);
    }
    return cell.startsWith(NONE) || cell.startsWith("(" + NONE + ")") ? NONE : "unclear: " + cell;
  }

  /** {@code 5L}, {@code false}, {@code "x"} as the text a config value would be. */
  private static String literal(String java) {
    if (java == null) {
      return null;
    }
    return java.replaceAll("^\"|\"$", "").replaceAll("(?<=[0-9])[LlDdFf]$", "");
  }

  private static void add(Map<String, List<String>> defaults, String key, String fallback) {
    defaults.computeIfAbsent(key, k -> new ArrayList<>()).add(fallback);
  }

  /** Every module's files under {@code folder} whose name ends with {@code suffix}. */
  private static List<Path> files(String folder, String suffix) throws IOException {
    List<Path> found = new ArrayList<>();
    // Modules and nested modules (pricing-plugins/x); never a build's output or a hidden folder.
    try (Stream<Path> modules = Files.walk(ROOT, 2)) {
      for (Path module :
          modules
              .filter(Files::isDirectory)
              .filter(dir -> !dir.toString().matches(".*/(target|\\.[^/]*)(/.*)?"))
              .toList()) {
        Path under = module.resolve(folder);
        if (Files.isDirectory(under)) {
          try (Stream<Path> walk = Files.walk(under)) {
            walk.filter(file -> file.toString().endsWith(suffix)).forEach(found::add);
          }
        }
      }
    }
    return found;
  }
}
