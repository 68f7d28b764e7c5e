import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Command-line knobs, {@code --name=value}; bench/run maps its environment onto them. */
record Options(
    String base,
    String key,
    int accounts,
    List<String> phases,
    int hotClients,
    int authClients,
    int readClients,
    int batchClients,
    int batchSize,
    int warmupMax,
    int window,
    double steadyPercent,
    int measure,
    String dbUrl,
    String dbSchema,
    int ceilingWarmupMax,
    int ceilingMeasure,
    long serverPid,
    long dbPid,
    String dbInfo) {

  /** Every phase, in the order they run. */
  static final List<String> ALL_PHASES =
      List.of("single16", "single64", "hot", "authsettle", "reads", "batch");

  static Options parse(String[] args) {
    Map<String, String> m = new HashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("expected --name=value, got " + arg);
      }
      m.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
    }
    String key = m.get("key");
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("--key=<admin key> is required");
    }
    List<String> phases =
        List.of(m.getOrDefault("phases", String.join(",", ALL_PHASES)).split(","));
    for (String p : phases) {
      if (!ALL_PHASES.contains(p)) {
        throw new IllegalArgumentException("unknown phase " + p + "; phases are " + ALL_PHASES);
      }
    }
    return new Options(
        m.getOrDefault("base", "http://127.0.0.1:8580"),
        key,
        intOf(m, "accounts", 1000),
        phases,
        intOf(m, "hot-clients", 64),
        intOf(m, "auth-clients", 64),
        intOf(m, "read-clients", 64),
        intOf(m, "batch-clients", 4),
        intOf(m, "batch-size", 100),
        intOf(m, "warmup", 60),
        intOf(m, "window", 5),
        Double.parseDouble(m.getOrDefault("steady", "5")),
        intOf(m, "measure", 20),
        m.getOrDefault("db-url", ""),
        m.getOrDefault("db-schema", "tally"),
        intOf(m, "ceiling-warmup", 20),
        intOf(m, "ceiling-measure", 10),
        Long.parseLong(m.getOrDefault("server-pid", "0")),
        Long.parseLong(m.getOrDefault("db-pid", "0")),
        m.getOrDefault("db-info", "MariaDB"));
  }

  /** How many clients a phase runs. */
  int clients(String phase) {
    return switch (phase) {
      case "single16" -> 16;
      case "single64" -> 64;
      case "hot" -> hotClients;
      case "authsettle" -> authClients;
      case "reads" -> readClients;
      case "batch" -> batchClients;
      default -> throw new IllegalArgumentException(phase);
    };
  }

  boolean ceiling() {
    return !dbUrl.isBlank();
  }

  private static int intOf(Map<String, String> m, String name, int fallback) {
    return m.containsKey(name) ? Integer.parseInt(m.get(name)) : fallback;
  }
}
