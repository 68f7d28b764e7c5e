package io.tally.examples.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which release of the plugin this is, and so which rules it prices by.
 *
 * <p>The version is set when the jar is built ({@code -Drevision=1.0.0}) and filtered into {@code
 * plugin.properties}. Each rule names the release that introduced it, so one source builds every
 * release the same way it was shipped: a server that swaps 1.0.0 for 2.0.0 sees exactly the new
 * rule and nothing else change.
 */
record Release(String version) {

  /** Input beyond {@link LlmPricing#LONG_CONTEXT_TOKENS} at its own rate, since 2.0.0. */
  private static final int LONG_CONTEXT_SINCE_MAJOR = 2;

  private static final Pattern SEMANTIC = Pattern.compile("(\\d+)\\.\\d+\\.\\d+([-+].*)?");

  /**
   * This jar's release, read once when the class loads: pricing itself never reads a file. A jar
   * without a readable version fails to load, and the server reports it by name.
   */
  static final Release OF_THIS_JAR = read();

  Release {
    if (version == null || !SEMANTIC.matcher(version).matches()) {
      throw new IllegalArgumentException("a release version looks like 2.0.0, not " + version);
    }
  }

  boolean hasLongContextRule() {
    return major() >= LONG_CONTEXT_SINCE_MAJOR;
  }

  private int major() {
    Matcher matcher = SEMANTIC.matcher(version);
    matcher.matches();
    return Integer.parseInt(matcher.group(1));
  }

  private static Release read() {
    try (InputStream in = Release.class.getResourceAsStream("plugin.properties")) {
      if (in == null) {
        throw new IllegalStateException("plugin.properties is missing from the plugin's jar");
      }
      Properties properties = new Properties();
      properties.load(in);
      return new Release(properties.getProperty("version"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the plugin's plugin.properties", e);
    }
  }
}
