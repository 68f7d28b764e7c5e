package io.tally.pricing.tck;

import io.tally.pricing.spi.PriceSheet;
import io.tally.pricing.spi.PricingPlugin;
import io.tally.pricing.spi.UsageFacts;
import java.util.List;
import java.util.Map;

/** A plugin that keeps every rule passes the whole kit; the broken ones reuse these samples. */
class GoodPluginTest extends PricingPluginTck {

  static final PriceSheet PER_UNIT = new PriceSheet("per_unit", Map.of("pricePerUnit", "0.25"));

  /** 5 × 0.0000005 = 0.0000025: half-up gives 0.000003, half-even 0.000002. */
  static final PriceSheet HALF = new PriceSheet("per_unit", Map.of("pricePerUnit", "0.0000005"));

  static final PriceSheet PER_SECOND =
      new PriceSheet("per_second", Map.of("ratePerSecond", "0.0004"));

  @Override
  protected PricingPlugin plugin() {
    return new GoodPlugin();
  }

  @Override
  protected PluginIdentity identity() {
    return PluginIdentity.of("toy", "1.0.0", "toy");
  }

  @Override
  protected List<Sample> samples() {
    return List.of(
        Sample.of("per_unit at $0.25", PER_UNIT, units(1), units(3), units(1000), none()),
        Sample.of("per_unit at half a micro-dollar", HALF, units(5)),
        Sample.of("per_second", PER_SECOND, UsageFacts.ofDuration(12_500)));
  }

  @Override
  protected List<RefusedCall> refusedCalls() {
    return List.of(
        RefusedCall.of("parameters.units", PER_UNIT, units("many")),
        RefusedCall.of("durationMs", PER_SECOND, none()));
  }

  @Override
  protected List<MonotoneCase> monotoneCases() {
    return List.of(MonotoneCase.of(PER_UNIT, none(), units(2)));
  }

  static UsageFacts units(Object units) {
    return new UsageFacts(null, Map.of("units", units));
  }

  static UsageFacts none() {
    return new UsageFacts(null, Map.of());
  }
}
