package io.tally.pricing.tck;

import io.tally.pricing.spi.PricingPlugin;
import io.tally.pricing.spi.SpiVersion;
import java.util.ServiceLoader;

/** What a plugin declares about itself, and whether the server can find and load it. */
final class Identity {

  private Identity() {}

  static void checkDeclared(Subject subject) {
    PricingPlugin plugin = subject.plugin();
    PluginIdentity expected = subject.identity();
    Problems problems = new Problems("id, version and families");
    same(problems, "id()", expected.id(), plugin.id());
    same(problems, "version()", expected.version(), plugin.version());
    same(problems, "families()", expected.families(), plugin.families());
    if (plugin.id() != null && plugin.id().isBlank()) {
      problems.add("id() is blank: every charge records it");
    }
    if (plugin.version() != null && plugin.version().isBlank()) {
      problems.add("version() is blank: every charge records it");
    }
    if (plugin.families() != null && plugin.families().isEmpty()) {
      problems.add("families() is empty: the plugin would price no model");
    }
    problems.throwIfAny();
  }

  static void checkSpiVersion(Subject subject) {
    String declared = subject.plugin().spiVersion();
    Problems problems = new Problems("SPI version");
    try {
      SpiVersion version = SpiVersion.parse(declared);
      if (!SpiVersion.CURRENT.loads(version)) {
        problems.add(
            "spiVersion() is "
                + version
                + ", which a server with SPI "
                + SpiVersion.CURRENT
                + " refuses (same major, minor at most the server's)");
      }
    } catch (IllegalArgumentException unreadable) {
      problems.add("spiVersion() does not parse: " + unreadable.getMessage());
    }
    problems.throwIfAny();
  }

  /** The one mistake every first plugin makes: no {@code META-INF/services} entry. */
  static void checkServiceFile(Subject subject) {
    Class<? extends PricingPlugin> type = subject.plugin().getClass();
    boolean found =
        ServiceLoader.load(PricingPlugin.class, type.getClassLoader()).stream()
            .anyMatch(provider -> provider.type().equals(type));
    Problems problems = new Problems("service file");
    if (!found) {
      problems.add(
          "java.util.ServiceLoader does not find "
              + type.getName()
              + ": list it in META-INF/services/"
              + PricingPlugin.class.getName());
    }
    problems.throwIfAny();
  }

  private static void same(Problems problems, String what, Object expected, Object actual) {
    if (!expected.equals(actual)) {
      problems.add(what + " is " + actual + ", expected " + expected);
    }
  }
}
