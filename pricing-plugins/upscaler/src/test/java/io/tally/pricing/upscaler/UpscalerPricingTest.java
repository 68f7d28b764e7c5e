package io.tally.pricing.upscaler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tally.pricing.spi.LineItem;
import io.tally.pricing.spi.PriceSheet;
import io.tally.pricing.spi.PricingPlugin;
import io.tally.pricing.spi.UsageFacts;
import io.tally.pricing.tck.Calls;
import io.tally.pricing.tck.PluginIdentity;
import io.tally.pricing.tck.PricingPluginTck;
import io.tally.pricing.tck.RefusedCall;
import io.tally.pricing.tck.Sample;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The upscaler passes the plugin test kit; its formula is checked here to the micro-dollar. */
class UpscalerPricingTest extends PricingPluginTck {

  private static final PriceSheet PER_MEGAPIXEL = perMegapixel("0.01");
  private static final PriceSheet HALF_MICRO = perMegapixel("0.0000025");
  private static final PriceSheet PER_SECOND =
      new PriceSheet("per_second", Map.of("ratePerSecond", "0.0004"));

  @Override
  protected PricingPlugin plugin() {
    return new UpscalerPricing();
  }

  @Override
  protected PluginIdentity identity() {
    return PluginIdentity.of("upscaler", "1.0.0", "upscaler");
  }

  @Override
  protected List<Sample> samples() {
    return List.of(
        Sample.of(
            "per_output_megapixel at $0.01",
            PER_MEGAPIXEL,
            output(2048, 2048),
            output(1000, 1000),
            output(64, 64),
            output(8192, 8192),
            output("2048", "2048")),
        Sample.of("per_output_megapixel, half a micro-dollar", HALF_MICRO, output(1000, 1000)),
        Sample.of(
            "per_second",
            PER_SECOND,
            UsageFacts.ofDuration(0),
            UsageFacts.ofDuration(12_500),
            UsageFacts.ofDuration(UsageFacts.MAX_DURATION_MS)));
  }

  @Override
  protected List<RefusedCall> refusedCalls() {
    return List.of(
        RefusedCall.of("parameters.outputWidth", PER_MEGAPIXEL, output("2048.5", 1024)),
        RefusedCall.of("parameters.outputHeight", PER_MEGAPIXEL, output(1024, "tall")),
        RefusedCall.of("parameters.outputWidth", PER_MEGAPIXEL, Calls.of("outputHeight", 1024)),
        RefusedCall.of("parameters.outputHeight", PER_MEGAPIXEL, Calls.of("outputWidth", 1024)),
        RefusedCall.of("durationMs", PER_SECOND, Calls.of()));
  }

  @Test
  void chargesForEachMegapixelOfTheOutput() {
    LineItem item = priceOneLine(PER_MEGAPIXEL, output(2048, 2048));

    // 0.01 × 4.194304 = 0.04194304
    assertEquals(new BigDecimal("0.041943"), item.amount());
    assertEquals(new BigDecimal("4.194304"), item.quantity());
    assertEquals("megapixel", item.unit());
    assertEquals(new BigDecimal("0.01"), item.unitPrice());
    assertEquals("upscaled to 2048x2048 (4.194304 MP)", item.description());
  }

  @Test
  void chargesExactlyOneMegapixelForAMillionPixels() {
    LineItem item = priceOneLine(PER_MEGAPIXEL, output(1000, 1000));

    assertEquals(new BigDecimal("0.010000"), item.amount());
    assertEquals("upscaled to 1000x1000 (1 MP)", item.description());
  }

  @Test
  void chargesAFractionOfAMegapixelWithoutAMinimum() {
    LineItem item = priceOneLine(PER_MEGAPIXEL, output(64, 64));

    // 0.01 × 0.004096 = 0.00004096
    assertEquals(new BigDecimal("0.004096"), item.quantity());
    assertEquals(new BigDecimal("0.000041"), item.amount());
  }

  @Test
  void chargesTheLargestOutput() {
    // 0.01 × 67.108864 = 0.67108864
    assertEquals(
        new BigDecimal("0.671089"), priceOneLine(PER_MEGAPIXEL, output(8192, 8192)).amount());
  }

  @Test
  void roundsAHalfMicroDollarUp() {
    // Banker's rounding would give 0.000002.
    assertEquals(new BigDecimal("0.000003"), priceOneLine(HALF_MICRO, output(1000, 1000)).amount());
  }

  @Test
  void readsDimensionsGivenAsNumericStrings() {
    assertEquals(
        new BigDecimal("0.041943"), priceOneLine(PER_MEGAPIXEL, output("2048", "2048")).amount());
  }

  @Test
  void chargesGpuSecondsInPerSecondMode() {
    LineItem item = priceOneLine(PER_SECOND, UsageFacts.ofDuration(12_500));

    assertEquals(new BigDecimal("0.005000"), item.amount());
    assertEquals("12.5 s on GPU", item.description());
  }

  @Test
  void describesThePriceInWords() {
    assertEquals(
        List.of("$0.01 per megapixel of upscaled output"), plugin().describe(PER_MEGAPIXEL));
    assertEquals(List.of("$0.0004 per second of GPU time"), plugin().describe(PER_SECOND));
  }

  private static PriceSheet perMegapixel(String pricePerMegapixel) {
    return new PriceSheet("per_output_megapixel", Map.of("pricePerMegapixel", pricePerMegapixel));
  }

  private static UsageFacts output(Object width, Object height) {
    return Calls.of("outputWidth", width, "outputHeight", height);
  }
}
