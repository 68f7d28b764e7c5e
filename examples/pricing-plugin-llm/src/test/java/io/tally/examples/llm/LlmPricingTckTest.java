package io.tally.examples.llm;

import io.tally.pricing.spi.PriceSheet;
import io.tally.pricing.spi.PricingPlugin;
import io.tally.pricing.spi.UsageFacts;
import io.tally.pricing.tck.MalformedSheet;
import io.tally.pricing.tck.MonotoneCase;
import io.tally.pricing.tck.PluginIdentity;
import io.tally.pricing.tck.PricingPluginTck;
import io.tally.pricing.tck.RefusedCall;
import io.tally.pricing.tck.Sample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/**
 * The plugin test kit, run on the plugin as this jar ships it and on each release's rules. The kit
 * checks identity, the SPI version, the service file, validation, purity, arithmetic, monotony,
 * bounds and the JSON round trip; {@link LlmPricingTest} checks the amounts.
 */
class LlmPricingTckTest {

  static final PriceSheet SHEET =
      new PriceSheet(
          "per_token",
          Map.of(
              "inputPerMillion", "3", "cachedInputPerMillion", "0.30", "outputPerMillion", "15"));

  static final PriceSheet NO_CACHED_RATE =
      new PriceSheet("per_token", Map.of("inputPerMillion", "2.5", "outputPerMillion", "10"));

  static UsageFacts call(long input, long cached, long output) {
    return new UsageFacts(
        null, Map.of("inputTokens", input, "cachedInputTokens", cached, "outputTokens", output));
  }

  /** What every release must pass; the subclasses say which release. */
  abstract static class EveryRelease extends PricingPluginTck {

    @Override
    protected List<Sample> samples() {
      return List.of(
          Sample.of(
              "$3 in, $0.30 cached, $15 out",
              SHEET,
              call(0, 0, 0),
              call(1, 1, 1),
              call(1_234, 9_000, 567),
              call(200_001, 0, 4_096),
              call(LlmPricing.MAX_TOKENS, LlmPricing.MAX_TOKENS, LlmPricing.MAX_TOKENS)),
          Sample.of(
              "$2.50 in, $10 out, cached at the input rate",
              NO_CACHED_RATE,
              call(1, 0, 0),
              new UsageFacts(null, Map.of("inputTokens", 250_000, "outputTokens", 3))));
    }

    @Override
    protected List<MalformedSheet> malformedSheets() {
      return List.of(
          MalformedSheet.of(
              "pricing.inputPerMilion",
              new PriceSheet(
                  "per_token", Map.of("inputPerMilion", "3", "outputPerMillion", "15"))));
    }

    @Override
    protected List<RefusedCall> refusedCalls() {
      return List.of(
          RefusedCall.of(
              "parameters.outputTokens", SHEET, new UsageFacts(null, Map.of("inputTokens", 10))),
          RefusedCall.of(
              "parameters.inputTokens",
              SHEET,
              new UsageFacts(null, Map.of("inputTokens", "12.5", "outputTokens", 1))));
    }

    @Override
    protected List<MonotoneCase> monotoneCases() {
      // Crossing the long-context threshold never makes a call cheaper.
      return List.of(MonotoneCase.of(SHEET, call(200_000, 0, 0), call(200_001, 0, 0)));
    }
  }

  /** The plugin exactly as the server's ServiceLoader makes it from this jar. */
  @Nested
  class AsThisJarShipsIt extends EveryRelease {
    @Override
    protected PricingPlugin plugin() {
      return new LlmPricing();
    }

    @Override
    protected PluginIdentity identity() {
      return PluginIdentity.of("llm", System.getProperty("llm.release"), "llm");
    }
  }

  @Nested
  class ReleaseOne extends EveryRelease {
    @Override
    protected PricingPlugin plugin() {
      return new LlmPricing(new Release("1.0.0"));
    }

    @Override
    protected PluginIdentity identity() {
      return PluginIdentity.of("llm", "1.0.0", "llm");
    }

    @Override
    protected List<MalformedSheet> malformedSheets() {
      return List.of(
          MalformedSheet.of(
              "pricing.longContextInputPerMillion",
              new PriceSheet(
                  "per_token",
                  Map.of(
                      "inputPerMillion", "3",
                      "longContextInputPerMillion", "6",
                      "outputPerMillion", "15"))));
    }
  }

  @Nested
  class ReleaseTwo extends EveryRelease {
    @Override
    protected PricingPlugin plugin() {
      return new LlmPricing(new Release("2.0.0"));
    }

    @Override
    protected PluginIdentity identity() {
      return PluginIdentity.of("llm", "2.0.0", "llm");
    }
  }
}
