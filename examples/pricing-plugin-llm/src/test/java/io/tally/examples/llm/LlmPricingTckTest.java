package io.tally.examples.llm;

import io.tally.pricing.spi.PriceSheet;
import io.tally.pricing.spi.PricingPlugin;
import io.tally.pricing.spi.UsageFacts;
import io.tally.pricing.tck.Calls;
import io.tally.pricing.tck.MalformedSheet;
import io.tally.pricing.tck.MonotoneCase;
import io.tally.pricing.tck.PluginIdentity;
import io.tally.pricing.tck.PricingPluginTck;
import io.tally.pricing.tck.RefusedCall;
import io.tally.pricing.tck.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The plugin test kit, run on the plugin exactly as this jar ships it: each release's build runs it
 * on that release. The kit checks identity, the SPI version, the service file, validation, purity,
 * arithmetic, monotony, bounds and the JSON round trip; {@link LlmPricingTest} checks the amounts
 * of every release.
 */
class LlmPricingTckTest extends PricingPluginTck {

  static final PriceSheet SHEET =
      new PriceSheet(
          "per_token",
          Map.of(
              "inputPerMillion", "3", "cachedInputPerMillion", "0.30", "outputPerMillion", "15"));

  static final PriceSheet NO_CACHED_RATE =
      new PriceSheet("per_token", Map.of("inputPerMillion", "2.5", "outputPerMillion", "10"));

  static UsageFacts call(long input, long cached, long output) {
    return Calls.of("inputTokens", input, "cachedInputTokens", cached, "outputTokens", output);
  }

  @Override
  protected PricingPlugin plugin() {
    return new LlmPricing();
  }

  @Override
  protected PluginIdentity identity() {
    // The release the build was asked for (surefire passes the project's version).
    return PluginIdentity.of("llm", System.getProperty("llm.release"), "llm");
  }

  @Override
  protected List<Sample> samples() {
    long max = LlmPricing.MAX_TOKENS;
    return List.of(
        Sample.of(
            "$3 in, $0.30 cached, $15 out",
            SHEET,
            call(0, 0, 0),
            call(1, 1, 1),
            call(1_234, 9_000, 567),
            call(200_001, 0, 4_096),
            call(max, max, max)),
        Sample.of(
            "$2.50 in, $10 out, cached at the input rate",
            NO_CACHED_RATE,
            call(1, 0, 0),
            Calls.of("inputTokens", 250_000, "outputTokens", 3)));
  }

  @Override
  protected List<MalformedSheet> malformedSheets() {
    List<MalformedSheet> malformed = new ArrayList<>();
    malformed.add(
        MalformedSheet.of(
            "pricing.inputPerMilion",
            new PriceSheet("per_token", Map.of("inputPerMilion", "3", "outputPerMillion", "15"))));
    if (!Release.OF_THIS_JAR.hasLongContextRule()) {
      // A release refuses a field of a later one by name, rather than ignoring it.
      malformed.add(
          MalformedSheet.of(
              "pricing.longContextInputPerMillion",
              new PriceSheet(
                  "per_token",
                  Map.of(
                      "inputPerMillion", "3",
                      "longContextInputPerMillion", "6",
                      "outputPerMillion", "15"))));
    }
    return malformed;
  }

  @Override
  protected List<RefusedCall> refusedCalls() {
    return List.of(
        RefusedCall.of(
            "parameters.inputTokens", SHEET, Calls.of("inputTokens", "12.5", "outputTokens", 1)));
  }

  @Override
  protected List<MonotoneCase> monotoneCases() {
    // Crossing the long-context threshold never makes a call cheaper.
    return List.of(MonotoneCase.of(SHEET, call(200_000, 0, 0), call(200_001, 0, 0)));
  }
}
