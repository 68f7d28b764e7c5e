package io.tally.pricing.tck;

import io.tally.pricing.spi.Field;
import io.tally.pricing.spi.Mode;
import io.tally.pricing.spi.PricingPlugin;
import io.tally.pricing.spi.UsageFacts;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls out of bounds are refused naming the parameter: the subclass's cases, and one step below
 * each stated {@code min} and above each stated {@code max} of each mode's call parameters.
 */
final class Bounds {

  /** The name a mode gives the call's duration, which travels beside the parameters. */
  static final String DURATION = "durationMs";

  private Bounds() {}

  static void check(Subject subject) {
    PricingPlugin plugin = subject.plugin();
    Problems problems = new Problems("bounds");
    for (RefusedCall refused : refusedCalls(subject, plugin)) {
      Input input = new Input("a call out of bounds", refused.sheet(), refused.call());
      Outcome outcome = input.priceWith(plugin);
      if (!refused.field().equals(outcome.refusedField())) {
        problems.add(input + " must be refused naming " + refused.field() + ", but it " + outcome);
      }
    }
    problems.throwIfAny();
  }

  static List<RefusedCall> refusedCalls(Subject subject, PricingPlugin plugin) {
    List<RefusedCall> all = new ArrayList<>(subject.refusedCalls());
    for (Sample sample : subject.samples()) {
      UsageFacts call = sample.calls().get(0);
      for (Field parameter : parameters(plugin, sample)) {
        if (!Steps.numeric(parameter)) {
          continue;
        }
        String field = fieldName(parameter);
        if (parameter.min() != null) {
          all.add(
              RefusedCall.of(field, sample.sheet(), with(call, parameter, Steps.below(parameter))));
        }
        if (parameter.max() != null) {
          all.add(
              RefusedCall.of(field, sample.sheet(), with(call, parameter, Steps.above(parameter))));
        }
      }
    }
    return all;
  }

  static List<Field> parameters(PricingPlugin plugin, Sample sample) {
    return Subject.modeOf(plugin, sample.sheet().mode()).map(Mode::parameters).orElse(List.of());
  }

  /** How a refusal names the parameter: {@code parameters.width}, or {@code durationMs}. */
  static String fieldName(Field parameter) {
    return DURATION.equals(parameter.name()) ? DURATION : "parameters." + parameter.name();
  }

  /** The call with one parameter set to {@code value}; the duration is a whole number. */
  static UsageFacts with(UsageFacts call, Field parameter, BigDecimal value) {
    if (DURATION.equals(parameter.name())) {
      return new UsageFacts(value.longValue(), call.parameters());
    }
    Map<String, Object> parameters = new HashMap<>(call.parameters());
    parameters.put(parameter.name(), value);
    return new UsageFacts(call.durationMs(), parameters);
  }
}
