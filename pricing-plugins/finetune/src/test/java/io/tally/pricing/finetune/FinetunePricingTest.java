package io.tally.pricing.finetune;

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

/** Fine-tuning passes the plugin test kit; its flat rate is checked here to the micro-dollar. */
class FinetunePricingTest extends PricingPluginTck {

  private static final PriceSheet FLAT = perSecond("0.001");

  @Override
  protected PricingPlugin plugin() {
    return new FinetunePricing();
  }

  @Override
  protected PluginIdentity identity() {
    return PluginIdentity.of("finetune", "1.0.0", "finetune");
  }

  @Override
  protected List<Sample> samples() {
    return List.of(
        Sample.of(
            "flat $0.001 per second",
            FLAT,
            UsageFacts.ofDuration(0),
            UsageFacts.ofDuration(1),
            UsageFacts.ofDuration(7_987_500),
            UsageFacts.ofDuration(UsageFacts.MAX_DURATION_MS)),
        Sample.of(
            "a rate as a decimal",
            new PriceSheet("per_second", Map.of("ratePerSecond", new BigDecimal("0.0025"))),
            UsageFacts.ofDuration(1)));
  }

  @Override
  protected List<MalformedSheet> malformedSheets() {
    return List.of(MalformedSheet.of("pricing.mode", new PriceSheet("per_image", FLAT.values())));
  }

  @Override
  protected List<RefusedCall> refusedCalls() {
    return List.of(
        RefusedCall.of("durationMs", FLAT, Calls.of()),
        RefusedCall.of(
            "pricing.mode",
            new PriceSheet("per_image", FLAT.values()),
            UsageFacts.ofDuration(1000)));
  }

  @Test
  void chargesAMillionthOfADollarPerMillisecond() {
    LineItem item = priceOneLine(FLAT, UsageFacts.ofDuration(7_987_500));

    assertEquals(new BigDecimal("7.987500"), item.amount());
    assertEquals(new BigDecimal("7987.5"), item.quantity());
    assertEquals("second", item.unit());
    assertEquals(new BigDecimal("0.001"), item.unitPrice());
    assertEquals("7987.5 s of fine-tuning", item.description());
  }

  @Test
  void chargesASingleMillisecondAndNothingForAnEmptyReading() {
    assertEquals(new BigDecimal("0.000001"), meter(FLAT, 1));
    assertEquals(new BigDecimal("0.000000"), meter(FLAT, 0));
  }

  @Test
  void chargesAReadingOfAWholeDay() {
    assertEquals(new BigDecimal("86.400000"), meter(FLAT, UsageFacts.MAX_DURATION_MS));
  }

  @Test
  void appliesTheSheetsRateRatherThanAFixedOne() {
    assertEquals(new BigDecimal("3.600000"), meter(perSecond("0.002"), 1_800_000));
  }

  @Test
  void roundsAHalfMicroDollarUp() {
    // 0.0025 × 0.001 s = 0.0000025: banker's rounding would give 0.000002.
    assertEquals(new BigDecimal("0.000003"), meter(perSecond("0.0025"), 1));
  }

  @Test
  void describesThePriceInWords() {
    assertEquals(List.of("$0.001 per second of fine-tuning"), plugin().describe(FLAT));
  }

  private BigDecimal meter(PriceSheet sheet, long durationMs) {
    return priceOneLine(sheet, UsageFacts.ofDuration(durationMs)).amount();
  }

  private static PriceSheet perSecond(String ratePerSecond) {
    return new PriceSheet("per_second", Map.of("ratePerSecond", ratePerSecond));
  }
}
