package io.tally.pricing.image;

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
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImagePricingTest {

  private static final PriceSheet PER_IMAGE =
      new PriceSheet("per_image", Map.of("pricePerImage", "0.003"));
  private static final PriceSheet PER_SECOND =
      new PriceSheet("per_second", Map.of("ratePerSecond", "0.0004"));

  private final ImagePricing plugin = new ImagePricing();

  private LineItem price(PriceSheet sheet, Map<String, Object> parameters) {
    return onlyLine(plugin.price(sheet, new UsageFacts(null, parameters)));
  }

  private static LineItem onlyLine(Quote quote) {
    assertEquals(1, quote.lineItems().size());
    return quote.lineItems().get(0);
  }

  private static void rejects(String field, Executable call) {
    PricingException refused = assertThrows(PricingException.class, call);
    assertEquals(field, refused.field(), refused.getMessage());
  }

  private static PriceSheet perImage(String pricePerImage, String baseMegapixels) {
    return new PriceSheet(
        "per_image", Map.of("pricePerImage", pricePerImage, "baseMegapixels", baseMegapixels));
  }

  @Test
  void identifiesItselfAsTheImagePlugin() {
    assertEquals("image", plugin.id());
    assertEquals("1.0.0", plugin.version());
    assertEquals(Set.of("image"), plugin.families());
    assertEquals(PricingPlugin.SPI_VERSION, plugin.spiVersion());
  }

  @Test
  void isFoundByTheServiceLoader() {
    List<PricingPlugin> found =
        ServiceLoader.load(PricingPlugin.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(loaded -> loaded.families().contains("image"))
            .toList();

    assertEquals(1, found.size());
    assertEquals(ImagePricing.class, found.get(0).getClass());
  }

  // per_image

  @Test
  void chargesFourTimesForAFourMegapixelImage() {
    LineItem item = price(PER_IMAGE, Map.of("width", 2048, "height", 2048));

    // 0.003 × 4.194304 = 0.012582912, rounded half-up.
    assertEquals(new BigDecimal("0.012583"), item.amount());
    assertEquals(new BigDecimal("4.194304"), item.quantity());
    assertEquals(new BigDecimal("0.003"), item.unitPrice());
    assertEquals("image", item.unit());
    assertEquals("1 image at 2048x2048 (4.194304 times the base size)", item.description());
  }

  @Test
  void pricesOneImageOf1024x1024ByDefault() {
    LineItem item = price(PER_IMAGE, Map.of());

    // 1024 × 1024 is 1.048576 megapixels, a little over the 1 MP base.
    assertEquals(new BigDecimal("1.048576"), item.quantity());
    assertEquals(new BigDecimal("0.003146"), item.amount());
    assertEquals("1 image at 1024x1024 (1.048576 times the base size)", item.description());
  }

  @Test
  void defaultsAMissingHeightTo1024() {
    LineItem item = price(PER_IMAGE, Map.of("width", 2048));

    // 0.003 × 2.097152 = 0.006291456
    assertEquals(new BigDecimal("0.006291"), item.amount());
  }

  @Test
  void defaultsAMissingWidthTo1024() {
    assertEquals(new BigDecimal("0.006291"), price(PER_IMAGE, Map.of("height", 2048)).amount());
  }

  @Test
  void chargesAnImageSmallerThanTheBaseAsOneWholeImage() {
    LineItem item = price(PER_IMAGE, Map.of("width", 512, "height", 512));

    assertEquals(new BigDecimal("0.003000"), item.amount());
    assertEquals(BigDecimal.ONE, item.quantity());
    assertEquals("1 image at 512x512", item.description());
  }

  @Test
  void chargesEachImageOfABatch() {
    LineItem item = price(PER_IMAGE, Map.of("width", 512, "height", 512, "numImages", 2));

    assertEquals(new BigDecimal("0.006000"), item.amount());
    assertEquals("2 images at 512x512", item.description());
  }

  @Test
  void multipliesTheSizeFactorByTheNumberOfImages() {
    LineItem item = price(PER_IMAGE, Map.of("width", 2048, "height", 2048, "numImages", 4));

    // 0.003 × 4.194304 × 4 = 0.050331648
    assertEquals(new BigDecimal("16.777216"), item.quantity());
    assertEquals(new BigDecimal("0.050332"), item.amount());
  }

  @Test
  void measuresSizeAgainstTheSheetsBaseMegapixels() {
    LineItem item = price(perImage("0.003", "4"), Map.of("width", 2048, "height", 2048));

    // 4.194304 MP / 4 MP = 1.048576
    assertEquals(new BigDecimal("1.048576"), item.quantity());
    assertEquals(new BigDecimal("0.003146"), item.amount());
  }

  @Test
  void dividesExactlyByAPowerOfTenBase() {
    LineItem item = price(perImage("1", "0.1"), Map.of("width", 1000, "height", 1000));

    assertEquals(new BigDecimal("10.000000"), item.amount());
    assertEquals(0, new BigDecimal("10").compareTo(item.quantity()));
  }

  @Test
  void dividesByAnyOtherBaseToThirtyFourDigits() {
    LineItem item = price(perImage("0.01", "3"), Map.of("width", 8192, "height", 8192));

    // 67.108864 / 3 = 22.369621333…, kept to 34 significant digits.
    assertEquals(new BigDecimal("22.36962133333333333333333333333333"), item.quantity());
    assertEquals(new BigDecimal("0.223696"), item.amount());
  }

  @Test
  void roundsAHalfMicroDollarUp() {
    LineItem item = price(perImage("0.0000025", "1"), Map.of("width", 512, "height", 512));

    // Banker's rounding would give 0.000002.
    assertEquals(new BigDecimal("0.000003"), item.amount());
  }

  @Test
  void chargesTheSmallestImageAsOne() {
    assertEquals(
        new BigDecimal("0.003000"), price(PER_IMAGE, Map.of("width", 64, "height", 64)).amount());
  }

  @Test
  void chargesTheLargestImageBySize() {
    LineItem item = price(PER_IMAGE, Map.of("width", 8192, "height", 8192));

    // 0.003 × 67.108864 = 0.201326592
    assertEquals(new BigDecimal("0.201327"), item.amount());
  }

  @Test
  void chargesTheLargestBatch() {
    LineItem item = price(PER_IMAGE, Map.of("width", 512, "height", 512, "numImages", 16));

    assertEquals(new BigDecimal("0.048000"), item.amount());
  }

  @ParameterizedTest(name = "{0} = {1} is refused")
  @CsvSource({
    "width, 63",
    "width, 8193",
    "height, 63",
    "height, 8193",
    "numImages, 0",
    "numImages, 17"
  })
  void refusesAParameterJustOutsideItsBoundsNamingIt(String name, long value) {
    rejects("parameters." + name, () -> price(PER_IMAGE, Map.of(name, value)));
  }

  @ParameterizedTest(name = "{0} = {1} is refused")
  @CsvSource({"width, 1024.5", "height, 1024.5", "numImages, 1.5", "width, wide"})
  void refusesAParameterThatIsNotAWholeNumber(String name, String value) {
    rejects("parameters." + name, () -> price(PER_IMAGE, Map.of(name, value)));
  }

  // per_second

  @Test
  void chargesGpuSecondsInPerSecondMode() {
    LineItem item = onlyLine(plugin.price(PER_SECOND, UsageFacts.ofDuration(12_500)));

    assertEquals(new BigDecimal("0.005000"), item.amount());
    assertEquals(new BigDecimal("12.5"), item.quantity());
    assertEquals("second", item.unit());
    assertEquals(new BigDecimal("0.0004"), item.unitPrice());
    assertEquals("12.5 s on GPU", item.description());
  }

  @Test
  void chargesNothingForAZeroSecondCall() {
    LineItem item = onlyLine(plugin.price(PER_SECOND, UsageFacts.ofDuration(0)));

    assertEquals(new BigDecimal("0.000000"), item.amount());
  }

  @Test
  void chargesACallOfAWholeDay() {
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
    PriceSheet sheet = new PriceSheet("per_token", Map.of("pricePerImage", "0.003"));

    rejects("pricing.mode", () -> plugin.price(sheet, UsageFacts.ofDuration(1000)));
  }

  // validate

  @Test
  void acceptsAPerImageSheetWithoutBaseMegapixels() {
    assertDoesNotThrow(() -> plugin.validate(PER_IMAGE));
  }

  @Test
  void acceptsAPerImageSheetWithBaseMegapixels() {
    assertDoesNotThrow(() -> plugin.validate(perImage("0.003", "2")));
  }

  @Test
  void acceptsAPerSecondSheet() {
    assertDoesNotThrow(() -> plugin.validate(PER_SECOND));
  }

  @Test
  void refusesASheetWithAnUnknownMode() {
    rejects("pricing.mode", () -> plugin.validate(new PriceSheet("per_video", Map.of())));
  }

  @Test
  void refusesASheetWithoutAMode() {
    rejects("pricing.mode", () -> plugin.validate(new PriceSheet(null, Map.of())));
  }

  @Test
  void refusesAPerImageSheetWithoutAPrice() {
    rejects("pricing.pricePerImage", () -> plugin.validate(new PriceSheet("per_image", Map.of())));
  }

  @Test
  void refusesANegativePricePerImage() {
    PriceSheet sheet = new PriceSheet("per_image", Map.of("pricePerImage", "-0.003"));

    rejects("pricing.pricePerImage", () -> plugin.validate(sheet));
  }

  @Test
  void refusesAPricePerImageThatIsNotANumber() {
    PriceSheet sheet = new PriceSheet("per_image", Map.of("pricePerImage", "three"));

    rejects("pricing.pricePerImage", () -> plugin.validate(sheet));
  }

  @Test
  void refusesAZeroBaseMegapixels() {
    rejects("pricing.baseMegapixels", () -> plugin.validate(perImage("0.003", "0")));
  }

  @Test
  void refusesANegativeBaseMegapixels() {
    rejects("pricing.baseMegapixels", () -> plugin.validate(perImage("0.003", "-1")));
  }

  @Test
  void refusesAPerSecondSheetWithoutARate() {
    rejects("pricing.ratePerSecond", () -> plugin.validate(new PriceSheet("per_second", Map.of())));
  }

  @Test
  void refusesANegativeRatePerSecond() {
    PriceSheet sheet = new PriceSheet("per_second", Map.of("ratePerSecond", "-1"));

    rejects("pricing.ratePerSecond", () -> plugin.validate(sheet));
  }
}
