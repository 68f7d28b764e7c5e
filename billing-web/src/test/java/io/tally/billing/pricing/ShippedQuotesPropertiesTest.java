package io.tally.billing.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tally.pricing.finetune.FinetunePricing;
import io.tally.pricing.image.ImagePricing;
import io.tally.pricing.spi.LineItem;
import io.tally.pricing.spi.PriceSheet;
import io.tally.pricing.spi.PricingPlugin;
import io.tally.pricing.spi.Quote;
import io.tally.pricing.spi.UsageFacts;
import io.tally.pricing.upscaler.UpscalerPricing;
import io.tally.pricing.video.VideoPricing;
import java.math.BigDecimal;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The core's {@link QuoteChecker} against the shipped plugins: it accepts every quote they make for
 * any valid call; and the same quote with one amount tampered with cannot even be built, since the
 * SPI's {@link LineItem} refuses it before the checker would. (Here rather than in billing-ejb,
 * whose tests load plugins from their own class paths and must not see the shipped ones.)
 */
class ShippedQuotesPropertiesTest {

  /** A plugin with a valid sheet and call: what the server hands it. */
  record Call(PricingPlugin plugin, PriceSheet sheet, UsageFacts usage) {
    Quote quote() {
      return plugin.price(sheet, usage);
    }
  }

  @Provide
  Arbitrary<Call> calls() {
    Arbitrary<BigDecimal> price =
        Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("10")).ofScale(8);
    Arbitrary<Long> side = Arbitraries.longs().between(64, 8192);
    Arbitrary<Long> duration = Arbitraries.longs().between(0, UsageFacts.MAX_DURATION_MS);
    Arbitrary<Call> image =
        Combinators.combine(price, side, side, Arbitraries.longs().between(1, 16))
            .as(
                (p, w, h, n) ->
                    new Call(
                        new ImagePricing(),
                        new PriceSheet("per_image", Map.of("pricePerImage", p)),
                        new UsageFacts(null, Map.of("width", w, "height", h, "numImages", n))));
    Arbitrary<Call> video =
        Combinators.combine(
                price,
                Arbitraries.bigDecimals()
                    .between(new BigDecimal("0.001"), new BigDecimal("600"))
                    .ofScale(3))
            .as(
                (p, s) ->
                    new Call(
                        new VideoPricing(),
                        new PriceSheet(
                            "per_output_second", Map.of("ratesByResolution", Map.of("720p", p))),
                        new UsageFacts(null, Map.of("seconds", s, "resolution", "720p"))));
    Arbitrary<Call> upscaler =
        Combinators.combine(price, side, side)
            .as(
                (p, w, h) ->
                    new Call(
                        new UpscalerPricing(),
                        new PriceSheet("per_output_megapixel", Map.of("pricePerMegapixel", p)),
                        new UsageFacts(null, Map.of("outputWidth", w, "outputHeight", h))));
    Arbitrary<Call> perSecond =
        Combinators.combine(
                Arbitraries.of(
                    new ImagePricing(),
                    new VideoPricing(),
                    new UpscalerPricing(),
                    new FinetunePricing()),
                price,
                duration)
            .as(
                (plugin, p, ms) ->
                    new Call(
                        plugin,
                        new PriceSheet("per_second", Map.of("ratePerSecond", p)),
                        UsageFacts.ofDuration(ms)));
    return Arbitraries.oneOf(image, video, upscaler, perSecond);
  }

  @Property(tries = 150)
  void acceptsEveryQuoteAShippedPluginMakes(@ForAll("calls") Call call) {
    Quote quote = call.quote();

    assertEquals(quote.lineItems(), QuoteChecker.check(call.plugin().id(), quote));
  }

  @Property(tries = 150)
  void aLineWithItsAmountTamperedWithCannotBeBuilt(
      @ForAll("calls") Call call, @ForAll("tampering") BigDecimal change) {
    LineItem line = call.quote().lineItems().get(0);

    assertThrows(
        IllegalArgumentException.class,
        () ->
            new LineItem(
                line.description(),
                line.quantity(),
                line.unit(),
                line.unitPrice(),
                line.amount().add(change)));
  }

  /** A micro-dollar or more either way, or less than a micro-dollar: never zero. */
  @Provide
  Arbitrary<BigDecimal> tampering() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            new BigDecimal("0.000001"),
            new BigDecimal("-0.000001"),
            new BigDecimal("0.0000001"),
            new BigDecimal("-1000000")),
        Arbitraries.bigDecimals()
            .between(new BigDecimal("0.000001"), new BigDecimal("1000"))
            .ofScale(6));
  }
}
