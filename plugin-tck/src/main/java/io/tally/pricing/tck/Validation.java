package io.tally.pricing.tck;

import io.tally.pricing.spi.Field;
import io.tally.pricing.spi.Mode;
import io.tally.pricing.spi.PriceSheet;
import io.tally.pricing.spi.PricingException;
import io.tally.pricing.spi.PricingPlugin;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code validate} accepts the samples and refuses malformed sheets naming the field: the ones the
 * subclass gives, and the ones the kit derives from each sample and its mode's stated fields.
 */
final class Validation {

  private static final String NO_SUCH_MODE = "no_such_mode";

  private Validation() {}

  static void checkSamplesValidate(Subject subject) {
    PricingPlugin plugin = subject.plugin();
    Problems problems = new Problems("sample sheets");
    for (Sample sample : subject.samples()) {
      try {
        plugin.validate(sample.sheet());
      } catch (RuntimeException refused) {
        problems.add("sample '" + sample.name() + "' is refused: " + refused);
      }
    }
    problems.throwIfAny();
  }

  static void checkMalformedRefused(Subject subject) {
    PricingPlugin plugin = subject.plugin();
    Problems problems = new Problems("malformed sheets");
    for (MalformedSheet malformed : malformedSheets(subject, plugin)) {
      check(problems, plugin, malformed);
    }
    problems.throwIfAny();
  }

  private static void check(Problems problems, PricingPlugin plugin, MalformedSheet malformed) {
    String shown = "sheet " + SheetJson.write(malformed.sheet());
    try {
      plugin.validate(malformed.sheet());
      problems.add(shown + " is accepted; it must be refused naming " + malformed.field());
    } catch (PricingException refused) {
      if (!malformed.field().equals(refused.field())) {
        problems.add(
            shown
                + " is refused naming "
                + refused.field()
                + " instead of "
                + malformed.field()
                + " ("
                + refused.getMessage()
                + ")");
      }
    } catch (RuntimeException thrown) {
      problems.add(
          shown
              + " threw "
              + thrown
              + " instead of a PricingException naming "
              + malformed.field());
    }
  }

  /** The subclass's cases first, then the derived ones, each once. */
  static Set<MalformedSheet> malformedSheets(Subject subject, PricingPlugin plugin) {
    Set<MalformedSheet> all = new LinkedHashSet<>(subject.malformedSheets());
    for (Sample sample : subject.samples()) {
      PriceSheet sheet = sample.sheet();
      all.add(MalformedSheet.of("pricing.mode", new PriceSheet(NO_SUCH_MODE, sheet.values())));
      all.add(MalformedSheet.of("pricing.mode", new PriceSheet(null, sheet.values())));
      Optional<Mode> mode = Subject.modeOf(plugin, sheet.mode());
      mode.ifPresent(stated -> stated.sheet().forEach(field -> derive(all, sheet, field)));
    }
    return all;
  }

  private static void derive(Set<MalformedSheet> all, PriceSheet sheet, Field field) {
    String name = "pricing." + field.name();
    if (field.required()) {
      all.add(MalformedSheet.of(name, without(sheet, field.name())));
    }
    if (Steps.numeric(field)) {
      all.add(MalformedSheet.of(name, with(sheet, field.name(), "not a number")));
      if (field.min() != null) {
        all.add(MalformedSheet.of(name, with(sheet, field.name(), Steps.below(field))));
      }
      if (field.max() != null) {
        all.add(MalformedSheet.of(name, with(sheet, field.name(), Steps.above(field))));
      }
      if (field.kind() == Field.Kind.INTEGER) {
        all.add(MalformedSheet.of(name, with(sheet, field.name(), new BigDecimal("1.5"))));
      }
    }
    if (field.kind() == Field.Kind.AMOUNTS_BY_KEY) {
      all.add(MalformedSheet.of(name, with(sheet, field.name(), "not an object")));
      all.add(MalformedSheet.of(name, with(sheet, field.name(), Map.of())));
      if (sheet.values().get(field.name()) instanceof Map<?, ?> amounts && !amounts.isEmpty()) {
        Map<String, Object> negative = new LinkedHashMap<>();
        amounts.forEach((key, value) -> negative.put(key.toString(), value));
        String first = negative.keySet().iterator().next();
        negative.put(first, new BigDecimal("-1"));
        all.add(MalformedSheet.of(name + "." + first, with(sheet, field.name(), negative)));
      }
    }
  }

  private static PriceSheet with(PriceSheet sheet, String name, Object value) {
    Map<String, Object> values = new HashMap<>(sheet.values());
    values.put(name, value);
    return new PriceSheet(sheet.mode(), values);
  }

  private static PriceSheet without(PriceSheet sheet, String name) {
    Map<String, Object> values = new HashMap<>(sheet.values());
    values.remove(name);
    return new PriceSheet(sheet.mode(), values);
  }
}
