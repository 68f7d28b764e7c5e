import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures: a block per phase as it ends, and the summary at the end. */
final class Report {

  /** A phase with its ceiling (null without one) and its checks. */
  record Row(Phase.Result result, Ceiling.Step ceiling, Checks checks) {
    boolean ok() {
      return result.failures().isEmpty()
          && checks.ok()
          && (ceiling == null || ceiling.failure() == null);
    }

    String ratio() {
      if (ceiling == null) {
        return "no ceiling";
      }
      return String.format(
          Locale.ROOT,
          "%.2f of the ceiling (%.0f/s)",
          result.rate() / ceiling.rate(),
          ceiling.rate());
    }
  }

  private final Options options;
  private final String loadBefore;

  Report(Options options) {
    this.options = options;
    this.loadBefore = load();
  }

  void phaseDone(Row row) {
    row.result()
        .samples()
        .forEach((k, v) -> Bench.log("first '" + k + "' in " + row.result().name() + ": " + v));
    for (String line : block(row)) {
      Bench.log(line);
    }
  }

  /** Prints the summary; answers whether everything passed. */
  boolean summary(Fixture fixture, List<Row> rows, Map<String, Ceiling.Step> ceilings) {
    System.out.println();
    System.out.println("== Tally benchmark (run " + fixture.run + ") ==");
    line(
        "machine",
        Cpu.CORES
            + " cpus ("
            + cpuModel()
            + "), load "
            + loadBefore
            + " before, "
            + load()
            + " after");
    line(
        "setup",
        options.dbInfo()
            + "; "
            + options.accounts()
            + " accounts; warm-up until three "
            + options.window()
            + " s windows lie within "
            + options.steadyPercent()
            + "% (at most "
            + options.warmupMax()
            + " s), then "
            + options.measure()
            + " s measured");
    if (ceilings.isEmpty()) {
      line("ceiling", "not measured (no --db-url)");
    } else {
      line(
          "ceiling",
          "same MariaDB, copy of the schema, server idle; 2 s windows (at most "
              + options.ceilingWarmupMax()
              + " s), then "
              + options.ceilingMeasure()
              + " s measured");
      ceilings.forEach((phase, step) -> line("", phase + ": " + step.text()));
    }
    boolean ok = true;
    for (Row row : rows) {
      List<String> block = block(row);
      line(row.result().name(), block.get(0));
      block.subList(1, block.size()).forEach(l -> line("", l));
      ok &= row.ok();
    }
    line(
        "result",
        ok
            ? "ok: every answer as expected, money and reconciliation exact after" + " each phase"
            : "FAILED (see the phases above)");
    System.out.println(
        "server, MariaDB and load generator share the machine's "
            + Cpu.CORES
            + " cores; compare ratios, not absolute rates, across sittings");
    return ok;
  }

  private static List<String> block(Row row) {
    Phase.Result r = row.result();
    Cpu cpu = r.cpu();
    return List.of(
        String.format(
            Locale.ROOT,
            "%d clients: %.0f %s/s = %s; p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms (%d calls)",
            r.clients(),
            r.rate(),
            r.unit(),
            row.ratio(),
            r.percentileMs(50),
            r.percentileMs(99),
            r.percentileMs(99.9),
            r.sortedLatencies().length),
        r.steady().text(),
        cpu.format("load generator")
            + String.format(
                Locale.ROOT,
                "; load generator %.0f µs CPU per HTTP request (%d requests)",
                cpu.selfMicrosPer(r.requests()),
                r.requests()),
        String.format(Locale.ROOT, "server RSS %.0f MiB at the end", r.serverRssMiB()),
        "non-2xx and transport errors (whole phase): " + failures(r.failures()),
        row.checks().text());
  }

  private static String failures(Map<String, Long> failures) {
    if (failures.isEmpty()) {
      return "none";
    }
    StringBuilder b = new StringBuilder();
    failures.forEach(
        (k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(" ×").append(v));
    return b.toString();
  }

  private static void line(String label, String text) {
    System.out.printf(Locale.ROOT, "%-10s %s%n", label, text);
  }

  private static String load() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "?";
    }
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .orElse("?");
    } catch (IOException e) {
      return "?";
    }
  }
}
