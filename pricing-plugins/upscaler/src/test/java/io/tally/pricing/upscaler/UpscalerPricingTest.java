package io.tally.pricing.upscaler;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tally.pricing.spi.LineItem;
import io.tally.pricing.spi.PriceSheet;
import io.tally.pricing.spi.PricingException;
import io.tally.pricing.spi.PricingPlugin;
import io.tally.pricing.spi.Quote;
import io.tally.pricing.spi.UsageFacts;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UpscalerPricingTest {

  private static final PriceSheet PER_MEGAPIXEL = perMegapixel("0.01");
  private static final PriceSheet PER_SECOND =
      new PriceSheet("per_second", Map.of("ratePerSecond", "0.0004"));

  private final UpscalerPricing plugin = new UpscalerPricing();

  private static PriceSheet perMegapixel(String pricePerMegapixel) {
    return new PriceSheet("per_output_megapixel", Map.of("pricePerMegapixel", pricePerMegapixel));
  }

  private LineItem price(PriceSheet sheet, Map<String, Object> parameters) {
    return onlyLine(plugin.price(sheet, new UsageFacts(null, parameters)));
  }

  private LineItem output(PriceSheet sheet, Object width, Object height) {
    return price(sheet, Map.of("outputWidth", width, "outputHeight", height));
  }

  private static LineItem onlyLine(Quote quote) {
    assertEquals(1, quote.lineItems().size());
    return quote.lineItems().get(0);
  }

  private static void rejects(String field, Executable call) {
    PricingException refused = assertThrows(PricingException.class, call);
    assertEquals(field, refused.field(), refused.getMessage());
  }

  @Test
  void identifiesItselfAsTheUpscalerPlugin() {
    assertEquals("upscaler", plugin.id());
    assertEquals("1.0.0", plugin.version());
    assertEquals(Set.of("upscaler"), plugin.families());
    assertEquals(PricingPlugin.SPI_VERSION, plugin.spiVersion());
  }

  @Test
  void isFoundByTheServiceLoader() {
    List<PricingPlugin> found =
        ServiceLoader.load(PricingPlugin.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(loaded -> loaded.families().contains("upscaler"))
            .toList();

    assertEquals(1, found.size());
    assertEquals(UpscalerPricing.class, found.get(0).getClass());
  }

  // per_output_megapixel

  @Test
  void chargesForEachMegapixelOfTheOutput() {
    LineItem item = output(PER_MEGAPIXEL, 2048, 2048);

    // 0.01 × 4.194304 = 0.04194304
    assertEquals(new BigDecimal("0.041943"), item.amount());
    assertEquals(new BigDecimal("4.194304"), item.quantity());
    assertEquals("megapixel", item.unit());
    assertEquals(new BigDecimal("0.01"), item.unitPrice());
    assertEquals("upscaled to 2048x2048 (4.194304 MP)", item.description());
  }

  @Test
  void chargesExactlyOneMegapixelForAMillionPixels() {
    LineItem item = output(PER_MEGAPIXEL, 1000, 1000);

    assertEquals(new BigDecimal("0.010000"), item.amount());
    assertEquals("upscaled to 1000x1000 (1 MP)", item.description());
  }

  @Test
  void chargesAFractionOfAMegapixelWithoutAMinimum() {
    LineItem item = output(PER_MEGAPIXEL, 64, 64);

    // 0.01 × 0.004096 = 0.00004096
    assertEquals(new BigDecimal("0.004096"), item.quantity());
    assertEquals(new BigDecimal("0.000041"), item.amount());
  }

  @Test
  void chargesTheLargestOutput() {
    // 0.01 × 67.108864 = 0.67108864
    assertEquals(new BigDecimal("0.671089"), output(PER_MEGAPIXEL, 8192, 8192).amount());
  }

  @Test
  void roundsAHalfMicroDollarUp() {
    LineItem item = output(perMegapixel("0.0000025"), 1000, 1000);

    // Banker's rounding would give 0.000002.
    assertEquals(new BigDecimal("0.000003"), item.amount());
  }

  @Test
  void readsDimensionsGivenAsNumericStrings() {
    assertEquals(new BigDecimal("0.041943"), output(PER_MEGAPIXEL, "2048", "2048").amount());
  }

  @ParameterizedTest(name = "{0} = {1} is refused")
  @CsvSource({
    "outputWidth, 63",
    "outputWidth, 8193",
    "outputHeight, 63",
    "outputHeight, 8193",
    "outputWidth, 2048.5",
    "outputHeight, tall"
  })
  void refusesADimensionOutsideItsBoundsNamingIt(String name, String value) {
    Map<String, Object> parameters =
        new HashMap<>(Map.of("outputWidth", 1024, "outputHeight", 1024));
    parameters.put(name, value);

    rejects("parameters." + name, () -> price(PER_MEGAPIXEL, parameters));
  }

  @ParameterizedTest(name = "{0} is required")
  @ValueSource(strings = {"outputWidth", "outputHeight"})
  void needsBothOutputDimensions(String name) {
    Map<String, Object> parameters =
        new HashMap<>(Map.of("outputWidth", 1024, "outputHeight", 1024));
    parameters.remove(name);

    rejects("parameters." + name, () -> price(PER_MEGAPIXEL, parameters));
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
    PriceSheet sheet = new PriceSheet("per_image", Map.of("pricePerMegapixel", "0.01"));

    rejects("pricing.mode", () -> plugin.price(sheet, UsageFacts.ofDuration(1000)));
  }

  // validate

  @Test
  void acceptsAPerOutputMegapixelSheet() {
    assertDoesNotThrow(() -> plugin.validate(PER_MEGAPIXEL));
  }

  @Test
  void acceptsAPerSecondSheet() {
    assertDoesNotThrow(() -> plugin.validate(PER_SECOND));
  }

  @Test
  void refusesASheetWithAnUnknownMode() {
    rejects("pricing.mode", () -> plugin.validate(new PriceSheet("per_megapixel", Map.of())));
  }

  @Test
  void refusesASheetWithoutAMode() {
    rejects("pricing.mode", () -> plugin.validate(new PriceSheet(null, Map.of())));
  }

  @Test
  void refusesAPerOutputMegapixelSheetWithoutAPrice() {
    rejects(
        "pricing.pricePerMegapixel",
        () -> plugin.validate(new PriceSheet("per_output_megapixel", Map.of())));
  }

  @Test
  void refusesANegativePricePerMegapixel() {
    rejects("pricing.pricePerMegapixel", () -> plugin.validate(perMegapixel("-0.01")));
  }

  @Test
  void refusesAPricePerMegapixelThatIsNotANumber() {
    rejects("pricing.pricePerMegapixel", () -> plugin.validate(perMegapixel("a cent")));
  }

  @Test
  void refusesAPerSecondSheetWithoutARate() {
    rejects("pricing.ratePerSecond", () -> plugin.validate(new PriceSheet("per_second", Map.of())));
  }
}
