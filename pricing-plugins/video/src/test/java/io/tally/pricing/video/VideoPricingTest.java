package io.tally.pricing.video;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.pricing.spi.LineItem;
import io.tally.pricing.spi.PriceSheet;
import io.tally.pricing.spi.PricingException;
import io.tally.pricing.spi.PricingPlugin;
import io.tally.pricing.spi.Quote;
import io.tally.pricing.spi.UsageFacts;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VideoPricingTest {

  private static final PriceSheet PER_OUTPUT_SECOND = perOutputSecond(rates());
  private static final PriceSheet PER_SECOND =
      new PriceSheet("per_second", Map.of("ratePerSecond", "0.0004"));

  private final VideoPricing plugin = new VideoPricing();

  /** The three tiers in the order an admin wrote them. */
  private static Map<String, Object> rates() {
    Map<String, Object> rates = new LinkedHashMap<>();
    rates.put("480p", "0.05");
    rates.put("720p", "0.1");
    rates.put("1080p", new BigDecimal("0.2"));
    return rates;
  }

  private static PriceSheet perOutputSecond(Object ratesByResolution) {
    return new PriceSheet("per_output_second", Map.of("ratesByResolution", ratesByResolution));
  }

  private LineItem price(PriceSheet sheet, Map<String, Object> parameters) {
    return onlyLine(plugin.price(sheet, new UsageFacts(null, parameters)));
  }

  private LineItem clip(Object seconds, String resolution) {
    return price(PER_OUTPUT_SECOND, Map.of("seconds", seconds, "resolution", resolution));
  }

  private static LineItem onlyLine(Quote quote) {
    assertEquals(1, quote.lineItems().size());
    return quote.lineItems().get(0);
  }

  private static PricingException rejects(String field, Executable call) {
    PricingException refused = assertThrows(PricingException.class, call);
    assertEquals(field, refused.field(), refused.getMessage());
    return refused;
  }

  @Test
  void identifiesItselfAsTheVideoPlugin() {
    assertEquals("video", plugin.id());
    assertEquals("1.0.0", plugin.version());
    assertEquals(Set.of("video"), plugin.families());
    assertEquals(PricingPlugin.SPI_VERSION, plugin.spiVersion());
  }

  @Test
  void isFoundByTheServiceLoader() {
    List<PricingPlugin> found =
        ServiceLoader.load(PricingPlugin.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(loaded -> loaded.families().contains("video"))
            .toList();

    assertEquals(1, found.size());
    assertEquals(VideoPricing.class, found.get(0).getClass());
  }

  // per_output_second

  @Test
  void chargesTheResolutionsRateForEachGeneratedSecond() {
    LineItem item = clip(5, "720p");

    assertEquals(new BigDecimal("0.500000"), item.amount());
    assertEquals(new BigDecimal("5"), item.quantity());
    assertEquals("second", item.unit());
    assertEquals(new BigDecimal("0.1"), item.unitPrice());
    assertEquals("5 s of 720p video", item.description());
  }

  @Test
  void chargesEachTierAtItsOwnRate() {
    assertEquals(new BigDecimal("0.250000"), clip(5, "480p").amount());
    assertEquals(new BigDecimal("1.000000"), clip(5, "1080p").amount());
  }

  @Test
  void chargesFractionsOfASecond() {
    LineItem item = clip("2.5", "1080p");

    assertEquals(new BigDecimal("0.500000"), item.amount());
    assertEquals("2.5 s of 1080p video", item.description());
  }

  @Test
  void describesSecondsWithoutTrailingZeros() {
    assertEquals("5 s of 720p video", clip(new BigDecimal("5.000"), "720p").description());
  }

  @Test
  void roundsAHalfMicroDollarUp() {
    PriceSheet sheet = perOutputSecond(Map.of("720p", "0.000001"));

    LineItem item = price(sheet, Map.of("seconds", "2.5", "resolution", "720p"));

    // 0.0000025: banker's rounding would give 0.000002.
    assertEquals(new BigDecimal("0.000003"), item.amount());
  }

  @Test
  void acceptsTheShortestClip() {
    assertEquals(new BigDecimal("0.000100"), clip("0.001", "720p").amount());
  }

  @Test
  void acceptsTheLongestClip() {
    assertEquals(new BigDecimal("120.000000"), clip(600, "1080p").amount());
  }

  @ParameterizedTest(name = "seconds = {0} is refused")
  @ValueSource(strings = {"0", "-1", "600.001", "601", "long"})
  void refusesSecondsOutsideZeroExclusiveTo600(String seconds) {
    rejects("parameters.seconds", () -> clip(seconds, "720p"));
  }

  @Test
  void needsTheSeconds() {
    rejects("parameters.seconds", () -> price(PER_OUTPUT_SECOND, Map.of("resolution", "720p")));
  }

  @Test
  void needsTheResolution() {
    rejects("parameters.resolution", () -> price(PER_OUTPUT_SECOND, Map.of("seconds", 5)));
  }

  @Test
  void refusesAResolutionTheSheetDoesNotPriceListingThoseItDoes() {
    PricingException refused = rejects("parameters.resolution", () -> clip(5, "4k"));

    assertTrue(refused.getMessage().contains("480p, 720p, 1080p"), refused.getMessage());
  }

  @Test
  void refusesAResolutionGivenAsANumber() {
    rejects(
        "parameters.resolution",
        () -> price(PER_OUTPUT_SECOND, Map.of("seconds", 5, "resolution", 720)));
  }

  @Test
  void sellsOnlyTheTiersTheSheetNames() {
    PriceSheet sheet = perOutputSecond(Map.of("720p", "0.1"));

    assertEquals(
        new BigDecimal("0.500000"),
        price(sheet, Map.of("seconds", 5, "resolution", "720p")).amount());
    PricingException refused =
        rejects(
            "parameters.resolution",
            () -> price(sheet, Map.of("seconds", 5, "resolution", "1080p")));
    assertTrue(refused.getMessage().contains("720p"), refused.getMessage());
  }

  // per_second

  @Test
  void chargesGpuSecondsInPerSecondMode() {
    LineItem item = onlyLine(plugin.price(PER_SECOND, UsageFacts.ofDuration(12_500)));

    assertEquals(new BigDecimal("0.005000"), item.amount());
    assertEquals(new BigDecimal("12.5"), item.quantity());
    assertEquals("second", item.unit());
    assertEquals("12.5 s on GPU", item.description());
  }

  @Test
  void acceptsACallOfAWholeDay() {
    LineItem item = onlyLine(plugin.price(PER_SECOND, UsageFacts.ofDuration(86_400_000L)));

    assertEquals(new BigDecimal("34.560000"), item.amount());
  }

  @Test
  void refusesACallLongerThanADay() {
    rejects("durationMs", () -> plugin.price(PER_SECOND, UsageFacts.ofDuration(86_400_001L)));
  }

  @Test
  void refusesANegativeDuration() {
    rejects("durationMs", () -> plugin.price(PER_SECOND, UsageFacts.ofDuration(-1)));
  }

  @Test
  void needsADurationInPerSecondMode() {
    rejects("durationMs", () -> plugin.price(PER_SECOND, new UsageFacts(null, Map.of())));
  }

  @Test
  void refusesToPriceWithAnUnknownMode() {
    PriceSheet sheet = new PriceSheet("per_image", Map.of("ratesByResolution", rates()));

    rejects(
        "pricing.mode",
        () ->
            plugin.price(sheet, new UsageFacts(null, Map.of("seconds", 5, "resolution", "720p"))));
  }

  // validate

  @Test
  void acceptsAPerOutputSecondSheet() {
    assertDoesNotThrow(() -> plugin.validate(PER_OUTPUT_SECOND));
  }

  @Test
  void acceptsAPerOutputSecondSheetWithASingleTier() {
    assertDoesNotThrow(() -> plugin.validate(perOutputSecond(Map.of("4k", "0.5"))));
  }

  @Test
  void acceptsAPerSecondSheet() {
    assertDoesNotThrow(() -> plugin.validate(PER_SECOND));
  }

  @Test
  void refusesASheetWithAnUnknownMode() {
    rejects("pricing.mode", () -> plugin.validate(new PriceSheet("per_frame", Map.of())));
  }

  @Test
  void refusesASheetWithoutAMode() {
    rejects("pricing.mode", () -> plugin.validate(new PriceSheet(null, Map.of())));
  }

  @Test
  void refusesAPerOutputSecondSheetWithoutRates() {
    rejects(
        "pricing.ratesByResolution",
        () -> plugin.validate(new PriceSheet("per_output_second", Map.of())));
  }

  @Test
  void refusesAnEmptySetOfRates() {
    rejects("pricing.ratesByResolution", () -> plugin.validate(perOutputSecond(Map.of())));
  }

  @Test
  void refusesRatesThatAreNotAnObject() {
    rejects("pricing.ratesByResolution", () -> plugin.validate(perOutputSecond("0.1")));
  }

  @Test
  void refusesANegativeRateNamingItsTier() {
    rejects(
        "pricing.ratesByResolution.720p",
        () -> plugin.validate(perOutputSecond(Map.of("480p", "0.05", "720p", "-0.1"))));
  }

  @Test
  void refusesARateThatIsNotANumberNamingItsTier() {
    rejects(
        "pricing.ratesByResolution.1080p",
        () -> plugin.validate(perOutputSecond(Map.of("1080p", "expensive"))));
  }

  @Test
  void refusesAPerSecondSheetWithoutARate() {
    rejects("pricing.ratePerSecond", () -> plugin.validate(new PriceSheet("per_second", Map.of())));
  }
}
