package io.tally.pricing.tck;

import io.tally.pricing.spi.Field;
import io.tally.pricing.spi.PricingPlugin;
import io.tally.pricing.spi.UsageFacts;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * More never costs less where the family says so. For each sample call and each call parameter its
 * mode marks {@link Field#monotone()}, the kit prices a ladder of values from the parameter's
 * {@code min} to its {@code max} (both ends, the steps next to them and to the call's own value,
 * and points in between) and requires the totals not to fall. Values the plugin refuses on the
 * ladder (an exclusive bound) are skipped. The subclass's {@link MonotoneCase}s are checked as
 * given.
 */
final class Monotony {

  private static final int RUNGS = 24;

  /** Where a bound is not stated, the ladder climbs to this many times the call's own value. */
  private static final BigDecimal OPEN_END = BigDecimal.valueOf(16);

  private Monotony() {}

  static void check(Subject subject) {
    PricingPlugin plugin = subject.plugin();
    Problems problems = new Problems("monotony");
    for (Sample sample : subject.samples()) {
      List<Field> monotone =
          Bounds.parameters(plugin, sample).stream()
              .filter(Field::monotone)
              .filter(Steps::numeric)
              .toList();
      for (int i = 0; i < sample.calls().size(); i++) {
        Input input =
            new Input("sample '" + sample.name() + "', call #" + (i + 1), sample.sheet(), null);
        for (Field parameter : monotone) {
          climb(problems, plugin, input, sample.calls().get(i), parameter);
        }
      }
    }
    for (MonotoneCase pair : subject.monotoneCases()) {
      Outcome less = Outcome.of(plugin, pair.sheet(), pair.less());
      Outcome more = Outcome.of(plugin, pair.sheet(), pair.more());
      if (!less.priced() || !more.priced()) {
        problems.add("monotone case " + shown(pair) + ": less " + less + ", more " + more);
      } else if (more.quote().total().compareTo(less.quote().total()) < 0) {
        problems.add(
            "monotone case "
                + shown(pair)
                + ": more costs "
                + more.quote().total().toPlainString()
                + ", less costs "
                + less.quote().total().toPlainString());
      }
    }
    problems.throwIfAny();
  }

  private static void climb(
      Problems problems, PricingPlugin plugin, Input input, UsageFacts call, Field parameter) {
    BigDecimal previousValue = null;
    BigDecimal previousTotal = null;
    for (BigDecimal value : ladder(call, parameter)) {
      Outcome outcome = Outcome.of(plugin, input.sheet(), Bounds.with(call, parameter, value));
      if (!outcome.priced()) {
        continue;
      }
      BigDecimal total = outcome.quote().total();
      if (previousTotal != null && total.compareTo(previousTotal) < 0) {
        problems.add(
            input.label()
                + ": "
                + Bounds.fieldName(parameter)
                + " "
                + value.toPlainString()
                + " costs "
                + total.toPlainString()
                + ", less than "
                + previousValue.toPlainString()
                + " at "
                + previousTotal.toPlainString());
        return;
      }
      previousValue = value;
      previousTotal = total;
    }
  }

  /** Ascending values of one parameter, within its bounds. */
  static List<BigDecimal> ladder(UsageFacts call, Field parameter) {
    BigDecimal step = Steps.step(parameter);
    BigDecimal own = current(call, parameter);
    BigDecimal low = parameter.min() != null ? parameter.min() : BigDecimal.ZERO;
    BigDecimal high =
        parameter.max() != null ? parameter.max() : own.max(BigDecimal.ONE).multiply(OPEN_END);
    TreeSet<BigDecimal> values = new TreeSet<>();
    values.add(low);
    values.add(low.add(step));
    values.add(high.subtract(step));
    values.add(high);
    if (own.signum() > 0) {
      values.add(own.subtract(step));
      values.add(own);
      values.add(own.add(step));
    }
    BigDecimal width = high.subtract(low);
    int scale = parameter.kind() == Field.Kind.INTEGER ? 0 : Steps.FINE.scale();
    for (int rung = 1; rung < RUNGS; rung++) {
      BigDecimal offset =
          width
              .multiply(BigDecimal.valueOf(rung))
              .divide(BigDecimal.valueOf(RUNGS), scale, RoundingMode.HALF_UP);
      values.add(low.add(offset));
    }
    List<BigDecimal> within = new ArrayList<>();
    for (BigDecimal value : values) {
      if (value.compareTo(low) >= 0 && value.compareTo(high) <= 0) {
        within.add(value);
      }
    }
    return within;
  }

  private static BigDecimal current(UsageFacts call, Field parameter) {
    if (Bounds.DURATION.equals(parameter.name())) {
      return call.durationMs() == null ? BigDecimal.ZERO : BigDecimal.valueOf(call.durationMs());
    }
    Object value = call.parameters().get(parameter.name());
    if (value instanceof BigDecimal decimal) {
      return decimal;
    }
    if (value instanceof Number number) {
      return new BigDecimal(number.toString());
    }
    if (value instanceof String text) {
      try {
        return new BigDecimal(text.trim());
      } catch (NumberFormatException notANumber) {
        return BigDecimal.ZERO;
      }
    }
    return BigDecimal.ZERO;
  }

  private static String shown(MonotoneCase pair) {
    return Input.describe(pair.less()) + " then " + Input.describe(pair.more());
  }
}
