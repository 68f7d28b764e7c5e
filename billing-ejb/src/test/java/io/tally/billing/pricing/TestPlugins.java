package io.tally.billing.pricing;

import io.tally.pricing.spi.Formulas;
import io.tally.pricing.spi.PriceSheet;
import io.tally.pricing.spi.PricingPlugin;
import io.tally.pricing.spi.Quote;
import io.tally.pricing.spi.SpiVersion;
import io.tally.pricing.spi.UsageFacts;
import java.util.Set;

/**
 * Pricing plugins for the loader's tests. None is registered in a services file of the test class
 * path: each test names the ones it wants on the class path it builds.
 */
final class TestPlugins {

  private TestPlugins() {}

  /** A well-behaved plugin pricing GPU time, like the shipped ones. */
  public abstract static class PerSecond implements PricingPlugin {

    @Override
    public String version() {
      return "1.0.0";
    }

    @Override
    public String spiVersion() {
      return SPI_VERSION;
    }

    @Override
    public void validate(PriceSheet sheet) {
      sheet.requireMode(Formulas.PER_SECOND);
      Formulas.validatePerSecond(sheet);
    }

    @Override
    public Quote price(PriceSheet sheet, UsageFacts usage) {
      return Quote.of(Formulas.perSecond(sheet, usage));
    }
  }

  /** Prices the image family. */
  public static final class Image extends PerSecond {
    @Override
    public String id() {
      return "test-image";
    }

    @Override
    public Set<String> families() {
      return Set.of("image");
    }
  }

  /** Prices two families at once. */
  public static final class Video extends PerSecond {
    @Override
    public String id() {
      return "test-video";
    }

    @Override
    public Set<String> families() {
      return Set.of("video", "clip");
    }
  }

  /** Claims the family {@link Image} prices. */
  public static final class RivalImage extends PerSecond {
    @Override
    public String id() {
      return "rival-image";
    }

    @Override
    public Set<String> families() {
      return Set.of("image");
    }
  }

  /** Built for an SPI version this server does not speak. */
  public static final class FromTheFuture extends PerSecond {
    @Override
    public String id() {
      return "future";
    }

    @Override
    public String spiVersion() {
      return (SpiVersion.CURRENT.major() + 1) + ".0";
    }

    @Override
    public Set<String> families() {
      return Set.of("hologram");
    }
  }
}
