package io.tally.examples.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tally.pricing.spi.Field;
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
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Exact amounts of both releases, to the micro-dollar, whichever release this build is. */
class LlmPricingTest {

  private static final LlmPricing V1 = new LlmPricing(new Release("1.0.0"));
  private static final LlmPricing V2 = new LlmPricing(new Release("2.0.0"));

  /** $3 per million input tokens, $0.30 cached, $15 output. */
  private static final PriceSheet SHEET =
      new PriceSheet(
          "per_token",
          Map.of(
              "inputPerMillion", "3", "cachedInputPerMillion", "0.30", "outputPerMillion", "15"));

  private static UsageFacts tokens(long input, long output) {
    return new UsageFacts(null, Map.of("inputTokens", input, "outputTokens", output));
  }

  private static BigDecimal micros(String amount) {
    return new BigDecimal(amount);
  }

  private static void refuses(String field, Executable call) {
    PricingException refused = assertThrows(PricingException.class, call);
    assertEquals(field, refused.field(), refused.getMessage());
  }

  @Test
  void statesTheReleaseItWasBuiltAs() {
    LlmPricing shipped = new LlmPricing();

    assertEquals(System.getProperty("llm.release"), shipped.version());
    assertEquals("llm", shipped.id());
    assertEquals(Set.of("llm"), shipped.families());
    assertEquals(PricingPlugin.SPI_VERSION, shipped.spiVersion());
  }

  @Test
  void isFoundByTheServiceLoader() {
    List<PricingPlugin> found =
        ServiceLoader.load(PricingPlugin.class).stream().map(ServiceLoader.Provider::get).toList();

    assertEquals(1, found.size());
    assertEquals(LlmPricing.class, found.get(0).getClass());
  }

  @Test
  void pricesInputAndOutputTokensAtTheirOwnRates() {
    Quote quote = V1.price(SHEET, tokens(1_234, 567));

    // 1234 × 0.000003 = 0.003702; 567 × 0.000015 = 0.008505
    assertEquals(2, quote.lineItems().size());
    LineItem input = quote.lineItems().get(0);
    assertEquals("1,234 input tokens", input.description());
    assertEquals(micros("1234"), input.quantity());
    assertEquals("token", input.unit());
    assertEquals(micros("0.000003"), input.unitPrice());
    assertEquals(micros("0.003702"), input.amount());
    assertEquals(micros("0.008505"), quote.lineItems().get(1).amount());
    assertEquals(micros("0.012207"), quote.total());
  }

  @Test
  void roundsEachLineHalfUpToTheMicroDollar() {
    PriceSheet cheap =
        new PriceSheet("per_token", Map.of("inputPerMillion", "2.5", "outputPerMillion", "0.4"));

    Quote quote = V2.price(cheap, tokens(1, 1));

    // 0.0000025 rounds up to 0.000003; 0.0000004 rounds down to zero.
    assertEquals(micros("0.000003"), quote.lineItems().get(0).amount());
    assertEquals(micros("0.000000"), quote.lineItems().get(1).amount());
    assertEquals(micros("0.000003"), quote.total());
  }

  @Test
  void billsCachedInputTokensApartAtTheCachedRate() {
    UsageFacts usage =
        new UsageFacts(
            null, Map.of("inputTokens", 1_000, "cachedInputTokens", 9_000, "outputTokens", 100));

    Quote quote = V1.price(SHEET, usage);

    // 1000 × 0.000003 = 0.003; 9000 × 0.0000003 = 0.0027; 100 × 0.000015 = 0.0015
    assertEquals(3, quote.lineItems().size());
    assertEquals("9,000 cached input tokens", quote.lineItems().get(1).description());
    assertEquals(micros("0.002700"), quote.lineItems().get(1).amount());
    assertEquals(micros("0.007200"), quote.total());
  }

  @Test
  void billsCachedInputTokensAtTheInputRateWhenTheSheetHasNoCachedRate() {
    PriceSheet noCachedRate =
        new PriceSheet("per_token", Map.of("inputPerMillion", "3", "outputPerMillion", "15"));
    UsageFacts usage =
        new UsageFacts(
            null, Map.of("inputTokens", 0, "cachedInputTokens", 9_000, "outputTokens", 0));

    assertEquals(micros("0.027000"), V2.price(noCachedRate, usage).total());
  }

  @Test
  void releaseOnePricesLongInputAtTheInputRate() {
    Quote quote = V1.price(SHEET, tokens(250_000, 0));

    assertEquals(micros("0.750000"), quote.total());
  }

  @Test
  void releaseTwoPricesInputBeyondTwoHundredThousandTokensAtTwiceTheInputRate() {
    Quote quote = V2.price(SHEET, tokens(250_000, 0));

    // 200,000 × 0.000003 = 0.6; 50,000 × 0.000006 = 0.3
    assertEquals(3, quote.lineItems().size());
    LineItem longContext = quote.lineItems().get(1);
    assertEquals("50,000 long-context input tokens", longContext.description());
    assertEquals(micros("0.000006"), longContext.unitPrice());
    assertEquals(micros("0.300000"), longContext.amount());
    assertEquals(micros("0.900000"), quote.total());
  }

  @Test
  void releaseTwoTakesTheSheetsLongContextRate() {
    PriceSheet sheet =
        new PriceSheet(
            "per_token",
            Map.of(
                "inputPerMillion", "3",
                "longContextInputPerMillion", "4.5",
                "outputPerMillion", "15"));

    // 200,000 × 0.000003 = 0.6; 1 × 0.0000045 = 0.0000045, half-up 0.000005
    assertEquals(micros("0.600005"), V2.price(sheet, tokens(200_001, 0)).total());
    assertEquals(2, V2.price(sheet, tokens(200_000, 0)).lineItems().size());
  }

  @Test
  void pricesTheLargestCallExactly() {
    PriceSheet dear =
        new PriceSheet("per_token", Map.of("inputPerMillion", "75", "outputPerMillion", "150"));

    Quote quote = V2.price(dear, tokens(LlmPricing.MAX_TOKENS, LlmPricing.MAX_TOKENS));

    // 200,000 × 0.000075 + 9,800,000 × 0.00015 + 10,000,000 × 0.00015 = 15 + 1470 + 1500
    assertEquals(micros("2985.000000"), quote.total());
  }

  @Test
  void refusesTokenCountsOutOfBoundsNamingTheParameter() {
    refuses("parameters.inputTokens", () -> V2.price(SHEET, tokens(-1, 0)));
    refuses("parameters.outputTokens", () -> V2.price(SHEET, tokens(0, 10_000_001)));
    refuses(
        "parameters.cachedInputTokens",
        () ->
            V2.price(
                SHEET,
                new UsageFacts(
                    null,
                    Map.of("inputTokens", 1, "outputTokens", 1, "cachedInputTokens", "1.5"))));
    refuses(
        "parameters.outputTokens",
        () -> V2.price(SHEET, new UsageFacts(null, Map.of("inputTokens", 1))));
  }

  @Test
  void refusesMalformedSheetsNamingTheField() {
    refuses(
        "pricing.inputPerMillion",
        () -> V2.validate(new PriceSheet("per_token", Map.of("outputPerMillion", "15"))));
    refuses(
        "pricing.outputPerMillion",
        () ->
            V2.validate(
                new PriceSheet(
                    "per_token", Map.of("inputPerMillion", "3", "outputPerMillion", "-1"))));
    refuses(
        "pricing.cachedInputPerMillion",
        () ->
            V2.validate(
                new PriceSheet(
                    "per_token",
                    Map.of(
                        "inputPerMillion", "3",
                        "outputPerMillion", "15",
                        "cachedInputPerMillion", "cheap"))));
    refuses(
        "pricing.inputPerMilion",
        () ->
            V2.validate(
                new PriceSheet(
                    "per_token", Map.of("inputPerMilion", "3", "outputPerMillion", "15"))));
    refuses(
        "pricing.mode",
        () ->
            V2.validate(
                new PriceSheet(
                    "per_second", Map.of("inputPerMillion", "3", "outputPerMillion", "15"))));
  }

  @Test
  void releaseOneRefusesTheLongContextRateItDoesNotKnow() {
    PriceSheet sheet =
        new PriceSheet(
            "per_token",
            Map.of(
                "inputPerMillion", "3",
                "longContextInputPerMillion", "6",
                "outputPerMillion", "15"));

    V2.validate(sheet);
    refuses("pricing.longContextInputPerMillion", () -> V1.validate(sheet));
  }

  @Test
  void describesThePriceInWords() {
    assertEquals(
        List.of(
            "$3.00 per million input tokens",
            "$0.30 per million cached input tokens",
            "$15.00 per million output tokens"),
        V1.describe(SHEET));
    assertEquals(
        List.of(
            "$3.00 per million input tokens",
            "$6.00 per million input tokens beyond the first 200,000 of a call",
            "$0.30 per million cached input tokens",
            "$15.00 per million output tokens"),
        V2.describe(SHEET));
    assertEquals(
        List.of(
            "$0.075 per million input tokens",
            "$0.15 per million input tokens beyond the first 200,000 of a call",
            "$0.075 per million cached input tokens",
            "$0.30 per million output tokens"),
        V2.describe(
            new PriceSheet(
                "per_token", Map.of("inputPerMillion", "0.075", "outputPerMillion", "0.3"))));
  }

  @Test
  void statesItsModeWithTheFieldsEachReleaseReads() {
    Mode v1 = V1.modes().get(0);
    Mode v2 = V2.modes().get(0);

    assertEquals("per_token", v1.name());
    assertEquals(
        List.of("inputPerMillion", "cachedInputPerMillion", "outputPerMillion"), names(v1.sheet()));
    assertEquals(
        List.of(
            "inputPerMillion",
            "cachedInputPerMillion",
            "outputPerMillion",
            "longContextInputPerMillion"),
        names(v2.sheet()));
    assertEquals(
        List.of("inputTokens", "cachedInputTokens", "outputTokens"), names(v2.parameters()));
    for (Field parameter : v2.parameters()) {
      assertEquals(true, parameter.monotone(), parameter.name());
      assertEquals(BigDecimal.ZERO, parameter.min(), parameter.name());
      assertEquals(BigDecimal.valueOf(10_000_000), parameter.max(), parameter.name());
    }
  }

  private static List<String> names(List<Field> fields) {
    return fields.stream().map(Field::name).toList();
  }
}
