package io.tally.pricing.tck;

import io.tally.pricing.spi.LineItem;
import io.tally.pricing.spi.PriceSheet;
import io.tally.pricing.spi.PricingPlugin;
import io.tally.pricing.spi.Quote;
import io.tally.pricing.spi.UsageFacts;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit a pricing plugin's own test extends. The subclass names its plugin and what
 * it declares, and gives sample sheets and calls; the kit checks everything the server relies on:
 *
 * <pre>{@code
 * class ImagePricingTest extends PricingPluginTck {
 *   protected PricingPlugin plugin() { return new ImagePricing(); }
 *   protected PluginIdentity identity() { return PluginIdentity.of("image", "1.1.0", "image"); }
 *   protected List<Sample> samples() {
 *     return List.of(Sample.of("per_image at $0.003", PER_IMAGE, call(Map.of()), …));
 *   }
 *   // plugin-specific formula tests, to the micro-dollar, go here as usual
 * }
 * }</pre>
 *
 * <p>Each check reports every problem it finds, naming the sample, the call, the thread and what
 * differed. The kit derives malformed sheets, out-of-bound calls and monotony ladders from {@link
 * PricingPlugin#modes()}; {@link #malformedSheets()}, {@link #refusedCalls()} and {@link
 * #monotoneCases()} add the cases only the plugin knows.
 */
public abstract class PricingPluginTck {

  /**
   * The plugin under test. The kit calls it several times and expects a new instance each time, as
   * each server or class loader makes its own.
   */
  protected abstract PricingPlugin plugin();

  /** What the plugin must declare. */
  protected abstract PluginIdentity identity();

  /** Valid sheets with calls to price; at least one per mode the plugin knows. */
  protected abstract List<Sample> samples();

  /** Sheets {@code validate} must refuse, beyond those the kit derives from {@code modes()}. */
  protected List<MalformedSheet> malformedSheets() {
    return List.of();
  }

  /** Calls {@code price} must refuse, beyond those the kit derives from {@code modes()}. */
  protected List<RefusedCall> refusedCalls() {
    return List.of();
  }

  /** Pairs of calls where more must not cost less, beyond the kit's ladders. */
  protected List<MonotoneCase> monotoneCases() {
    return List.of();
  }

  /**
   * Prices one call with a new plugin and returns its only line, for the plugin's own formula
   * tests; fails when the quote has more than one.
   */
  protected final LineItem priceOneLine(PriceSheet sheet, UsageFacts call) {
    Quote quote = plugin().price(sheet, call);
    Assertions.assertEquals(1, quote.lineItems().size(), () -> "lines: " + quote.lineItems());
    return quote.lineItems().get(0);
  }

  private Subject subject() {
    return new Subject(
        this::plugin, identity(), samples(), malformedSheets(), refusedCalls(), monotoneCases());
  }

  @Test
  void declaresItsIdVersionAndFamilies() {
    Identity.checkDeclared(subject());
  }

  @Test
  void declaresAnSpiVersionThisServerLoads() {
    Identity.checkSpiVersion(subject());
  }

  @Test
  void isFoundByTheServiceLoader() {
    Identity.checkServiceFile(subject());
  }

  @Test
  void statesEveryModeTheSamplesUse() {
    ModeCheck.checkModes(subject());
  }

  @Test
  void acceptsEverySampleSheet() {
    Validation.checkSamplesValidate(subject());
  }

  @Test
  void refusesEveryMalformedSheetNamingTheField() {
    Validation.checkMalformedRefused(subject());
  }

  @Test
  void pricesEverySampleCallWithLinesThatAddUp() {
    QuoteRules.checkSampleQuotes(subject());
  }

  @Test
  void givesTheSameQuoteOnEightThreadsAtOnce() {
    Purity.checkEightThreads(subject());
  }

  @Test
  void givesTheSameQuoteWhateverWasPricedBefore() {
    Purity.checkInterleaved(subject());
  }

  @Test
  void readsNoClockDoesNoIoAndHoldsNoState() {
    Purity.checkCode(subject());
  }

  @Test
  void neverCostsLessForMoreOfAMonotoneParameter() {
    Monotony.check(subject());
  }

  @Test
  void refusesCallsOutOfBoundsNamingTheParameter() {
    Bounds.check(subject());
  }

  @Test
  void keepsEverySheetThroughAJsonRoundTrip() {
    SheetJson.checkRoundTrip(subject());
  }

  @Test
  void describesEverySampleSheetInNonBlankLines() {
    ModeCheck.checkDescriptions(subject());
  }
}
