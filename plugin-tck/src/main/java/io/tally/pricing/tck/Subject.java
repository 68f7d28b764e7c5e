package io.tally.pricing.tck;

import io.tally.pricing.spi.Mode;
import io.tally.pricing.spi.PricingPlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** What one kit run is about: the plugin's factory and everything the subclass supplied. */
record Subject(
    Supplier<PricingPlugin> factory,
    PluginIdentity identity,
    List<Sample> samples,
    List<MalformedSheet> malformedSheets,
    List<RefusedCall> refusedCalls,
    List<MonotoneCase> monotoneCases) {

  Subject {
    samples = List.copyOf(samples);
    malformedSheets = List.copyOf(malformedSheets);
    refusedCalls = List.copyOf(refusedCalls);
    monotoneCases = List.copyOf(monotoneCases);
    if (samples.isEmpty()) {
      throw new IllegalStateException(
          "samples() is empty: the kit needs at least one sample sheet");
    }
  }

  PricingPlugin plugin() {
    PricingPlugin plugin = factory.get();
    if (plugin == null) {
      throw new IllegalStateException("plugin() returned null");
    }
    return plugin;
  }

  /** Every sample call, labelled for failure messages. */
  List<Input> sampleInputs() {
    List<Input> inputs = new ArrayList<>();
    for (Sample sample : samples) {
      for (int i = 0; i < sample.calls().size(); i++) {
        String label = "sample '" + sample.name() + "', call #" + (i + 1);
        inputs.add(new Input(label, sample.sheet(), sample.calls().get(i)));
      }
    }
    return inputs;
  }

  /** Sample calls and the explicit refused calls: all of them must price the same every time. */
  List<Input> purityInputs() {
    List<Input> inputs = new ArrayList<>(sampleInputs());
    for (int i = 0; i < refusedCalls.size(); i++) {
      RefusedCall refused = refusedCalls.get(i);
      inputs.add(new Input("refused call #" + (i + 1), refused.sheet(), refused.call()));
    }
    return inputs;
  }

  /** The mode the plugin states for a sheet's {@code mode}, if it states one. */
  static Optional<Mode> modeOf(PricingPlugin plugin, String name) {
    return plugin.modes().stream().filter(mode -> mode.name().equals(name)).findFirst();
  }
}
