package io.tally.pricing.tck;

import io.tally.pricing.spi.Field;
import io.tally.pricing.spi.Mode;
import io.tally.pricing.spi.PricingPlugin;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code modes()} agrees with the samples, and {@code describe()} has words for each sample. */
final class ModeCheck {

  private ModeCheck() {}

  static void checkModes(Subject subject) {
    PricingPlugin plugin = subject.plugin();
    Problems problems = new Problems("modes()");
    List<Mode> modes = plugin.modes();
    if (modes == null || modes.isEmpty()) {
      problems.add("modes() is empty: the admin's editor and the kit's derived cases need it");
      problems.throwIfAny();
    }
    Set<String> names = new HashSet<>();
    for (Mode mode : modes) {
      if (!names.add(mode.name())) {
        problems.add("mode '" + mode.name() + "' is stated twice");
      }
    }
    for (Sample sample : subject.samples()) {
      Optional<Mode> mode = Subject.modeOf(plugin, sample.sheet().mode());
      if (mode.isEmpty()) {
        problems.add(
            "sample '"
                + sample.name()
                + "' uses mode '"
                + sample.sheet().mode()
                + "', which modes() does not name (it names "
                + names
                + ")");
        continue;
      }
      checkSheetFields(problems, sample, mode.get());
    }
    problems.throwIfAny();
  }

  private static void checkSheetFields(Problems problems, Sample sample, Mode mode) {
    Set<String> declared = new HashSet<>();
    for (Field field : mode.sheet()) {
      declared.add(field.name());
      if (field.required() && !sample.sheet().values().containsKey(field.name())) {
        problems.add(
            "sample '"
                + sample.name()
                + "' lacks "
                + field.name()
                + ", which mode '"
                + mode.name()
                + "' says is required");
      }
    }
    for (String key : sample.sheet().values().keySet()) {
      if (!declared.contains(key)) {
        problems.add(
            "sample '"
                + sample.name()
                + "' carries "
                + key
                + ", which mode '"
                + mode.name()
                + "' does not state among its sheet fields");
      }
    }
  }

  static void checkDescriptions(Subject subject) {
    PricingPlugin plugin = subject.plugin();
    Problems problems = new Problems("describe()");
    for (Sample sample : subject.samples()) {
      String name = "sample '" + sample.name() + "'";
      List<String> lines;
      try {
        lines = plugin.describe(sample.sheet());
      } catch (RuntimeException thrown) {
        problems.add(name + ": describe threw " + thrown);
        continue;
      }
      if (lines == null || lines.isEmpty()) {
        problems.add(name + ": describe gave no lines; the model pages show the price in words");
        continue;
      }
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i) == null || lines.get(i).isBlank()) {
          problems.add(name + ": line " + (i + 1) + " of describe is blank");
        }
      }
    }
    problems.throwIfAny();
  }
}
