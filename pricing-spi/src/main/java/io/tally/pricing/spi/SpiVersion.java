package io.tally.pricing.spi;

/**
 * A {@code major.minor} SPI version, and the rule that decides whether a server loads a plugin.
 *
 * <p>A server at {@code M.n} loads a plugin built for {@code M.k} with {@code k <= n}: minor
 * versions only add {@code default} methods and optional values, which an older plugin simply does
 * not use. A plugin built for another major version, or for a newer minor version (it may override
 * methods this server never calls), is refused.
 */
public record SpiVersion(int major, int minor) {

  /** The version of the SPI on this class path. */
  public static final SpiVersion CURRENT = parse(PricingPlugin.SPI_VERSION);

  public SpiVersion {
    if (major < 0 || minor < 0) {
      throw new IllegalArgumentException(
          "an SPI version is two numbers, not " + major + "." + minor);
    }
  }

  /**
   * Reads {@code "2.0"}.
   *
   * @throws IllegalArgumentException for anything that is not two non-negative numbers
   */
  public static SpiVersion parse(String text) {
    if (text == null || !text.matches("\\d{1,4}\\.\\d{1,4}")) {
      throw new IllegalArgumentException(
          "an SPI version looks like \"" + PricingPlugin.SPI_VERSION + "\", not " + quoted(text));
    }
    int dot = text.indexOf('.');
    return new SpiVersion(
        Integer.parseInt(text.substring(0, dot)), Integer.parseInt(text.substring(dot + 1)));
  }

  /** Whether a server speaking this version loads a plugin built for {@code plugin}. */
  public boolean loads(SpiVersion plugin) {
    return plugin.major == major && plugin.minor <= minor;
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }

  private static String quoted(String text) {
    return text == null ? "null" : "\"" + text + "\"";
  }
}
