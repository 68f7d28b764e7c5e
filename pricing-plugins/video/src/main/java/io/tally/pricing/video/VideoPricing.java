package io.tally.pricing.video;

import io.tally.pricing.spi.Field;
import io.tally.pricing.spi.Formulas;
import io.tally.pricing.spi.LineItem;
import io.tally.pricing.spi.Mode;
import io.tally.pricing.spi.PriceSheet;
import io.tally.pricing.spi.PricingException;
import io.tally.pricing.spi.PricingPlugin;
import io.tally.pricing.spi.Quote;
import io.tally.pricing.spi.UsageFacts;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prices video generation. Mode {@code per_output_second} charges each generated second at the rate
 * the sheet sets for the requested resolution; the sheet names its own tiers, so a model may offer
 * only some resolutions. Mode {@code per_second} charges GPU time.
 */
public final class VideoPricing implements PricingPlugin {

  static final String FAMILY = "video";
  static final String PER_OUTPUT_SECOND = "per_output_second";

  /** The longest clip one call may generate. */
  private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(600);

  @Override
  public String id() {
    return FAMILY;
  }

  @Override
  public String version() {
    return "1.0.0";
  }

  @Override
  public String spiVersion() {
    return SPI_VERSION;
  }

  @Override
  public Set<String> families() {
    return Set.of(FAMILY);
  }

  @Override
  public void validate(PriceSheet sheet) {
    if (isPerOutputSecond(sheet)) {
      sheet.decimals("ratesByResolution");
    } else {
      Formulas.validatePerSecond(sheet);
    }
  }

  @Override
  public Quote price(PriceSheet sheet, UsageFacts usage) {
    return Quote.of(
        isPerOutputSecond(sheet)
            ? perOutputSecond(sheet, usage)
            : Formulas.perSecond(sheet, usage));
  }

  /** "$0.28 per second of 720p video, $0.475 at 1080p", tiers in the sheet's order. */
  @Override
  public List<String> describe(PriceSheet sheet) {
    if (!isPerOutputSecond(sheet)) {
      return List.of(Formulas.describePerSecond(sheet, "GPU time"));
    }
    StringBuilder line = new StringBuilder();
    sheet
        .decimals("ratesByResolution")
        .forEach(
            (resolution, rate) -> {
              String price = Formulas.dollars(rate);
              line.append(
                  line.length() == 0
                      ? price + " per second of " + resolution + " video"
                      : ", " + price + " at " + resolution);
            });
    return List.of(line.toString());
  }

  @Override
  public List<Mode> modes() {
    return List.of(
        new Mode(
            PER_OUTPUT_SECOND,
            "A rate per generated second, by resolution",
            List.of(
                new Field(
                    "ratesByResolution",
                    Field.Kind.AMOUNTS_BY_KEY,
                    "USD per second",
                    BigDecimal.ZERO,
                    null,
                    true,
                    false,
                    List.of("480p", "720p", "1080p"),
                    "The rate of each resolution the model sells")),
            List.of(
                new Field(
                    "seconds",
                    Field.Kind.DECIMAL,
                    "s",
                    BigDecimal.ZERO,
                    MAX_SECONDS,
                    true,
                    true,
                    List.of(),
                    "Seconds of video generated, more than 0 and at most 600"),
                new Field(
                    "resolution",
                    Field.Kind.TEXT,
                    "tier",
                    null,
                    null,
                    true,
                    false,
                    List.of(),
                    "One of the sheet's resolutions"))),
        Formulas.perSecondMode("GPU time"));
  }

  /** Refuses any mode but the two this family knows. */
  private static boolean isPerOutputSecond(PriceSheet sheet) {
    sheet.requireMode(PER_OUTPUT_SECOND, Formulas.PER_SECOND);
    return PER_OUTPUT_SECOND.equals(sheet.mode());
  }

  private static LineItem perOutputSecond(PriceSheet sheet, UsageFacts usage) {
    Map<String, BigDecimal> rates = sheet.decimals("ratesByResolution");
    BigDecimal seconds = usage.decimal("seconds", BigDecimal.ZERO, MAX_SECONDS);
    String resolution = usage.text("resolution");
    BigDecimal rate = rates.get(resolution);
    if (rate == null) {
      // The caller learns which tiers this model sells, not just that theirs is wrong.
      throw new PricingException(
          "parameters.resolution",
          "parameters.resolution must be one of "
              + String.join(", ", rates.keySet())
              + ", was "
              + resolution);
    }
    String description = Formulas.plain(seconds) + " s of " + resolution + " video";
    return LineItem.of(description, seconds, "second", rate);
  }
}
