package io.tally.billing.pricing;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The digest of the jar a class-path plugin came from, so that members can be compared. */
final class ClassPathJars {

  private ClassPathJars() {}

  /** The SHA-256 of the jar that defines {@code type}, or null when it is no plain file. */
  static String sha256(Class<?> type) {
    try {
      var codeSource = type.getProtectionDomain().getCodeSource();
      if (codeSource == null || codeSource.getLocation() == null) {
        return null;
      }
      Path location = Path.of(codeSource.getLocation().toURI());
      return Files.isRegularFile(location) ? PluginJar.sha256Of(location) : null;
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }
}
