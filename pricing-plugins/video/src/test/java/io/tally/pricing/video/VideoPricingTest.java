package io.tally.pricing.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.pricing.spi.LineItem;
import io.tally.pricing.spi.PriceSheet;
import io.tally.pricing.spi.PricingException;
import io.tally.pricing.spi.PricingPlugin;
import io.tally.pricing.spi.UsageFacts;
import io.tally.pricing.tck.Calls;
import io.tally.pricing.tck.MalformedSheet;
import io.tally.pricing.tck.PluginIdentity;
import io.tally.pricing.tck.PricingPluginTck;
import io.tally.pricing.tck.RefusedCall;
import io.tally.pricing.tck.Sample;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The video family passes the plugin test kit; its formula is checked here to the micro-dollar. */
class VideoPricingTest extends PricingPluginTck {

  private static final PriceSheet PER_OUTPUT_SECOND = perOutputSecond(rates());
  private static final PriceSheet ONE_TIER = perOutputSecond(Map.of("720p", "0.1"));
  private static final PriceSheet HALF_MICRO = perOutputSecond(Map.of("720p", "0.000001"));
  private static final PriceSheet PER_SECOND =
      new PriceSheet("per_second", Map.of("ratePerSecond", "0.0004"));

  /** The three tiers in the order an admin wrote them. */
  private static Map<String, Object> rates() {
    Map<String, Object> rates = new LinkedHashMap<>();
    rates.put("480p", "0.05");
    rates.put("720p", "0.1");
    rates.put("1080p", new BigDecimal("0.2"));
    return rates;
  }

  @Override
  protected PricingPlugin plugin() {
    return new VideoPricing();
  }

  @Override
  protected PluginIdentity identity() {
    return PluginIdentity.of("video", "1.0.0", "video");
  }

  @Override
  protected List<Sample> samples() {
    return List.of(
        Sample.of(
            "per_output_second, three tiers",
            PER_OUTPUT_SECOND,
            clip(5, "720p"),
            clip("2.5", "1080p"),
            clip("0.001", "480p"),
            clip(600, "1080p"),
            clip(new BigDecimal("5.000"), "720p")),
        Sample.of("per_output_second, one tier", ONE_TIER, clip(5, "720p")),
        Sample.of("per_output_second, half a micro-dollar", HALF_MICRO, clip("2.5", "720p")),
        Sample.of(
            "per_second",
            PER_SECOND,
            UsageFacts.ofDuration(0),
            UsageFacts.ofDuration(12_500),
            UsageFacts.ofDuration(UsageFacts.MAX_DURATION_MS)));
  }

  @Override
  protected List<MalformedSheet> malformedSheets() {
    return List.of(
        MalformedSheet.of(
            "pricing.ratesByResolution.720p", perOutputSecond(Map.of("720p", "a dime"))));
  }

  @Override
  protected List<RefusedCall> refusedCalls() {
    return List.of(
        RefusedCall.of("parameters.seconds", PER_OUTPUT_SECOND, clip(0, "720p")),
        RefusedCall.of("parameters.seconds", PER_OUTPUT_SECOND, clip("600.001", "720p")),
        RefusedCall.of("parameters.seconds", PER_OUTPUT_SECOND, clip("long", "720p")),
        RefusedCall.of("parameters.seconds", PER_OUTPUT_SECOND, Calls.of("resolution", "720p")),
        RefusedCall.of("parameters.resolution", PER_OUTPUT_SECOND, Calls.of("seconds", 5)),
        RefusedCall.of("parameters.resolution", PER_OUTPUT_SECOND, clip(5, "4k")),
        RefusedCall.of("parameters.resolution", PER_OUTPUT_SECOND, clip(5, 720)),
        RefusedCall.of("parameters.resolution", ONE_TIER, clip(5, "1080p")),
        RefusedCall.of("durationMs", PER_SECOND, Calls.of()));
  }

  @Test
  void chargesTheResolutionsRateForEachGeneratedSecond() {
    LineItem item = priceOneLine(PER_OUTPUT_SECOND, clip(5, "720p"));

    assertEquals(new BigDecimal("0.500000"), item.amount());
    assertEquals(new BigDecimal("5"), item.quantity());
    assertEquals("second", item.unit());
    assertEquals(new BigDecimal("0.1"), item.unitPrice());
    assertEquals("5 s of 720p video", item.description());
  }

  @Test
  void chargesEachTierAtItsOwnRate() {
    assertEquals(new BigDecimal("0.250000"), amount(PER_OUTPUT_SECOND, clip(5, "480p")));
    assertEquals(new BigDecimal("1.000000"), amount(PER_OUTPUT_SECOND, clip(5, "1080p")));
    assertEquals(new BigDecimal("0.500000"), amount(ONE_TIER, clip(5, "720p")));
  }

  @Test
  void chargesFractionsOfASecondDescribedWithoutTrailingZeros() {
    LineItem item = priceOneLine(PER_OUTPUT_SECOND, clip("2.5", "1080p"));

    assertEquals(new BigDecimal("0.500000"), item.amount());
    assertEquals("2.5 s of 1080p video", item.description());
    assertEquals(
        "5 s of 720p video",
        priceOneLine(PER_OUTPUT_SECOND, clip(new BigDecimal("5.000"), "720p")).description());
  }

  @Test
  void roundsAHalfMicroDollarUp() {
    // 0.0000025: banker's rounding would give 0.000002.
    assertEquals(new BigDecimal("0.000003"), amount(HALF_MICRO, clip("2.5", "720p")));
  }

  @Test
  void chargesTheShortestAndTheLongestClip() {
    assertEquals(new BigDecimal("0.000100"), amount(PER_OUTPUT_SECOND, clip("0.001", "720p")));
    assertEquals(new BigDecimal("120.000000"), amount(PER_OUTPUT_SECOND, clip(600, "1080p")));
  }

  @Test
  void refusesAResolutionTheSheetDoesNotSellListingThoseItDoes() {
    PricingException refused =
        assertThrows(
            PricingException.class, () -> plugin().price(PER_OUTPUT_SECOND, clip(5, "4k")));

    assertTrue(refused.getMessage().contains("480p, 720p, 1080p"), refused.getMessage());
  }

  @Test
  void chargesGpuSecondsInPerSecondMode() {
    LineItem item = priceOneLine(PER_SECOND, UsageFacts.ofDuration(12_500));

    assertEquals(new BigDecimal("0.005000"), item.amount());
    assertEquals("12.5 s on GPU", item.description());
  }

  @Test
  void describesEachTierInTheSheetsOrder() {
    Map<String, Object> rates = new LinkedHashMap<>();
    rates.put("720p", "0.28");
    rates.put("1080p", "0.475");

    assertEquals(
        List.of("$0.28 per second of 720p video, $0.475 at 1080p"),
        plugin().describe(perOutputSecond(rates)));
    assertEquals(
        List.of("$0.05 per second of 480p video, $0.1 at 720p, $0.2 at 1080p"),
        plugin().describe(PER_OUTPUT_SECOND));
    assertEquals(List.of("$0.0004 per second of GPU time"), plugin().describe(PER_SECOND));
  }

  private BigDecimal amount(PriceSheet sheet, UsageFacts call) {
    return priceOneLine(sheet, call).amount();
  }

  private static PriceSheet perOutputSecond(Object ratesByResolution) {
    return new PriceSheet("per_output_second", Map.of("ratesByResolution", ratesByResolution));
  }

  private static UsageFacts clip(Object seconds, Object resolution) {
    return Calls.of("seconds", seconds, "resolution", resolution);
  }
}
