package io.tally.pricing.finetune;

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

class FinetunePricingTest {

  private static final PriceSheet FLAT = perSecond("0.001");

  private final FinetunePricing plugin = new FinetunePricing();

  private static PriceSheet perSecond(String ratePerSecond) {
    return new PriceSheet("per_second", Map.of("ratePerSecond", ratePerSecond));
  }

  private LineItem meter(PriceSheet sheet, long durationMs) {
    Quote quote = plugin.price(sheet, UsageFacts.ofDuration(durationMs));
    assertEquals(1, quote.lineItems().size());
    return quote.lineItems().get(0);
  }

  private static void rejects(String field, Executable call) {
    PricingException refused = assertThrows(PricingException.class, call);
    assertEquals(field, refused.field(), refused.getMessage());
  }

  @Test
  void identifiesItselfAsTheFinetunePlugin() {
    assertEquals("finetune", plugin.id());
    assertEquals("1.0.0", plugin.version());
    assertEquals(Set.of("finetune"), plugin.families());
    assertEquals(PricingPlugin.SPI_VERSION, plugin.spiVersion());
  }

  @Test
  void isFoundByTheServiceLoader() {
    List<PricingPlugin> found =
        ServiceLoader.load(PricingPlugin.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(loaded -> loaded.families().contains("finetune"))
            .toList();

    assertEquals(1, found.size());
    assertEquals(FinetunePricing.class, found.get(0).getClass());
  }

  // price

  @Test
  void chargesAMillionthOfADollarPerMillisecond() {
    LineItem item = meter(FLAT, 7_987_500);

    assertEquals(new BigDecimal("7.987500"), item.amount());
    assertEquals(new BigDecimal("7987.5"), item.quantity());
    assertEquals("second", item.unit());
    assertEquals(new BigDecimal("0.001"), item.unitPrice());
    assertEquals("7987.5 s of fine-tuning", item.description());
  }

  @Test
  void chargesASingleMillisecond() {
    assertEquals(new BigDecimal("0.000001"), meter(FLAT, 1).amount());
  }

  @Test
  void chargesNothingForAnEmptyMeterReading() {
    assertEquals(new BigDecimal("0.000000"), meter(FLAT, 0).amount());
  }

  @Test
  void chargesAReadingOfAWholeDay() {
    assertEquals(new BigDecimal("86.400000"), meter(FLAT, 86_400_000L).amount());
  }

  @Test
  void appliesTheSheetsRateRatherThanAFixedOne() {
    assertEquals(new BigDecimal("3.600000"), meter(perSecond("0.002"), 1_800_000).amount());
  }

  @Test
  void roundsAHalfMicroDollarUp() {
    // 0.0025 × 0.001 s = 0.0000025: banker's rounding would give 0.000002.
    assertEquals(new BigDecimal("0.000003"), meter(perSecond("0.0025"), 1).amount());
  }

  @Test
  void refusesAReadingLongerThanADay() {
    rejects("durationMs", () -> meter(FLAT, 86_400_001L));
  }

  @Test
  void refusesANegativeReading() {
    rejects("durationMs", () -> meter(FLAT, -1));
  }

  @Test
  void needsADuration() {
    rejects("durationMs", () -> plugin.price(FLAT, new UsageFacts(null, Map.of())));
  }

  @Test
  void refusesToPriceWithAnyModeButPerSecond() {
    PriceSheet sheet = new PriceSheet("per_image", Map.of("ratePerSecond", "0.001"));

    rejects("pricing.mode", () -> plugin.price(sheet, UsageFacts.ofDuration(1000)));
  }

  // validate

  @Test
  void acceptsTheFlatRateSheet() {
    assertDoesNotThrow(() -> plugin.validate(FLAT));
  }

  @Test
  void acceptsARateGivenAsADecimal() {
    PriceSheet sheet =
        new PriceSheet("per_second", Map.of("ratePerSecond", new BigDecimal("0.001")));

    assertDoesNotThrow(() -> plugin.validate(sheet));
  }

  @Test
  void refusesASheetWithAnotherMode() {
    rejects("pricing.mode", () -> plugin.validate(new PriceSheet("per_token", Map.of())));
  }

  @Test
  void refusesASheetWithoutAMode() {
    rejects("pricing.mode", () -> plugin.validate(new PriceSheet(null, Map.of())));
  }

  @Test
  void refusesASheetWithoutARate() {
    rejects("pricing.ratePerSecond", () -> plugin.validate(new PriceSheet("per_second", Map.of())));
  }

  @Test
  void refusesANegativeRate() {
    rejects("pricing.ratePerSecond", () -> plugin.validate(perSecond("-0.001")));
  }

  @Test
  void refusesARateThatIsNotANumber() {
    rejects("pricing.ratePerSecond", () -> plugin.validate(perSecond("a tenth of a cent")));
  }
}
