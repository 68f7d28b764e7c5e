package io.tally.pricing.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tally.pricing.spi.LineItem;
import io.tally.pricing.spi.PriceSheet;
import io.tally.pricing.spi.PricingPlugin;
import io.tally.pricing.spi.UsageFacts;
import io.tally.pricing.tck.Calls;
import io.tally.pricing.tck.MalformedSheet;
import io.tally.pricing.tck.PluginIdentity;
import io.tally.pricing.tck.PricingPluginTck;
import io.tally.pricing.tck.RefusedCall;
import io.tally.pricing.tck.Sample;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The image family passes the plugin test kit; its formula is checked here to the micro-dollar. */
class ImagePricingTest extends PricingPluginTck {

  private static final PriceSheet PER_IMAGE =
      new PriceSheet("per_image", Map.of("pricePerImage", "0.003"));
  private static final PriceSheet PER_SECOND =
      new PriceSheet("per_second", Map.of("ratePerSecond", "0.0004"));

  @Override
  protected PricingPlugin plugin() {
    return new ImagePricing();
  }

  @Override
  protected PluginIdentity identity() {
    return PluginIdentity.of("image", "1.1.0", "image");
  }

  @Override
  protected List<Sample> samples() {
    return List.of(
        Sample.of(
            "per_image at $0.003",
            PER_IMAGE,
            call(),
            call("width", 2048, "height", 2048),
            call("width", 64, "height", 64, "numImages", 16),
            call("width", 8192, "height", 8192, "numImages", 1)),
        Sample.of(
            "per_image, base 1 MP",
            perImage("0.003", "baseMegapixels", "1"),
            call("width", 1000, "height", 1000),
            call("width", 2000, "height", 1000, "numImages", 3)),
        Sample.of(
            "per_image, base 512×512",
            perImage("0.0000025", "basePixels", 262144),
            call("width", 512, "height", 512),
            call("width", 1024, "height", 768)),
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
        MalformedSheet.of("pricing.baseMegapixels", perImage("0.003", "baseMegapixels", "0")),
        MalformedSheet.of(
            "pricing.baseMegapixels",
            new PriceSheet(
                "per_image",
                Map.of("pricePerImage", "0.003", "basePixels", 1048576, "baseMegapixels", 1))));
  }

  @Override
  protected List<RefusedCall> refusedCalls() {
    return List.of(
        RefusedCall.of("parameters.width", PER_IMAGE, call("width", "wide")),
        RefusedCall.of("parameters.height", PER_IMAGE, call("height", "1024.5")),
        RefusedCall.of("parameters.numImages", PER_IMAGE, call("numImages", "1.5")),
        RefusedCall.of("durationMs", PER_SECOND, call()));
  }

  @Test
  void chargesExactlyThePricePerImageForTheDefault1024x1024() {
    LineItem item = line(PER_IMAGE, call());

    assertEquals(new BigDecimal("0.003000"), item.amount());
    assertEquals(BigDecimal.ONE, item.quantity());
    assertEquals("image", item.unit());
    assertEquals("1 image at 1024x1024", item.description());
  }

  @Test
  void chargesFourTimesFor2048x2048() {
    LineItem item = line(PER_IMAGE, call("width", 2048, "height", 2048));

    assertEquals(new BigDecimal("0.012000"), item.amount());
    assertEquals("1 image at 2048x2048 (4 times the base size)", item.description());
  }

  @Test
  void chargesAnImageSmallerThanTheBaseAsOne() {
    LineItem item = line(PER_IMAGE, call("width", 512, "height", 512));

    assertEquals(new BigDecimal("0.003000"), item.amount());
    assertEquals("1 image at 512x512", item.description());
  }

  @Test
  void defaultsAMissingHeightTo1024() {
    assertEquals(new BigDecimal("0.006000"), line(PER_IMAGE, call("width", 2048)).amount());
  }

  @Test
  void multipliesTheSizeFactorByTheNumberOfImages() {
    LineItem item = line(PER_IMAGE, call("width", 2048, "height", 2048, "numImages", 4));

    assertEquals(new BigDecimal("16"), item.quantity());
    assertEquals(new BigDecimal("0.048000"), item.amount());
    assertEquals("4 images at 2048x2048 (4 times the base size)", item.description());
  }

  @Test
  void keepsBaseMegapixelsMeaningMillionsOfPixels() {
    PriceSheet oneMegapixel = perImage("0.003", "baseMegapixels", "1");

    assertEquals(
        new BigDecimal("0.003000"),
        line(oneMegapixel, call("width", 1000, "height", 1000)).amount());
    assertEquals(
        new BigDecimal("0.006000"),
        line(oneMegapixel, call("width", 2000, "height", 1000)).amount());
    // 1024 × 1024 is 1.048576 million pixels: 0.003 × 1.048576 = 0.003145728.
    assertEquals(new BigDecimal("0.003146"), line(oneMegapixel, call()).amount());
  }

  @Test
  void measuresSizeAgainstTheSheetsBasePixels() {
    LineItem item = line(perImage("0.003", "basePixels", 262144), call());

    assertEquals(new BigDecimal("0.012000"), item.amount());
  }

  @Test
  void dividesByABaseOfOtherDigitsToThirtyFourDigits() {
    LineItem item =
        line(perImage("0.01", "baseMegapixels", "3"), call("width", 8192, "height", 8192));

    // 67108864 / 3000000 = 22.369621333…, kept to 34 significant digits.
    assertEquals(new BigDecimal("22.36962133333333333333333333333333"), item.quantity());
    assertEquals(new BigDecimal("0.223696"), item.amount());
  }

  @Test
  void roundsAHalfMicroDollarUp() {
    // Banker's rounding would give 0.000002.
    assertEquals(
        new BigDecimal("0.000003"),
        line(perImage("0.0000025", "basePixels", 262144), call("width", 512, "height", 512))
            .amount());
  }

  @Test
  void chargesGpuSecondsInPerSecondMode() {
    LineItem item = line(PER_SECOND, UsageFacts.ofDuration(12_500));

    assertEquals(new BigDecimal("0.005000"), item.amount());
    assertEquals("12.5 s on GPU", item.description());
  }

  @Test
  void describesThePriceInWords() {
    ImagePricing plugin = new ImagePricing();

    assertEquals(
        List.of("$0.003 per image up to 1024×1024, more for larger images"),
        plugin.describe(PER_IMAGE));
    assertEquals(
        List.of("$0.003 per image up to 1 MP, more for larger images"),
        plugin.describe(perImage("0.003", "baseMegapixels", "1")));
    assertEquals(
        List.of("$0.003 per image up to 2000000 pixels, more for larger images"),
        plugin.describe(perImage("0.003", "basePixels", 2000000)));
    assertEquals(List.of("$0.0004 per second of GPU time"), plugin.describe(PER_SECOND));
  }

  private LineItem line(PriceSheet sheet, UsageFacts call) {
    return priceOneLine(sheet, call);
  }

  private static PriceSheet perImage(String pricePerImage, String base, Object size) {
    return new PriceSheet("per_image", Map.of("pricePerImage", pricePerImage, base, size));
  }

  private static UsageFacts call(Object... namesAndValues) {
    return Calls.of(namesAndValues);
  }
}
