import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load generator for Tally's gateway API: sets up a priced model and funded accounts through the
 * API, drives {@code POST /usage} (one charge per request) and {@code POST /usage/batch}, then
 * checks the reconciliation report and that the money debited equals the charges counted here.
 *
 * <p>Run with the JDK 17 source launcher, no dependencies: {@code java bench/Bench.java
 * --key=ADMIN_KEY [--base=http://127.0.0.1:8580] [--accounts=64] [--clients=64] [--batch-clients=4]
 * [--batch-size=100] [--warmup=5] [--measure=20] [--phases=single,batch] [--server-pid=PID]
 * [--db-pid=PID] [--db-info=TEXT]}. Exit status 0 only if every check passed.
 */
public final class Bench {

  static final String MODEL = "bench-image";
  static final BigDecimal RATE_PER_SECOND = new BigDecimal("0.100000");
  static final int DURATION_MS = 1234;

  /** What one call costs: rate × duration, rounded half-up to micro-dollars (0.123400). */
  static final BigDecimal CHARGE =
      RATE_PER_SECOND
          .multiply(BigDecimal.valueOf(DURATION_MS))
          .movePointLeft(3)
          .setScale(6, RoundingMode.HALF_UP);

  static final BigDecimal CREDIT = new BigDecimal("1000000");

  private Bench() {}

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Api api = new Api(options.base(), options.key());
    Machine.Snapshot before = Machine.snapshot();
    Fixture fixture = Fixture.create(api, options);
    Ledger ledger = new Ledger(fixture.accountIds().length);
    List<PhaseResult> results = new ArrayList<>();
    if (options.phases().contains("single")) {
      Call single = new SingleCall(api, fixture, ledger);
      results.add(new Phase("single", options.clients(), options, single).run());
    }
    if (options.phases().contains("batch")) {
      Call batch = new BatchCall(api, fixture, ledger, options.batchSize());
      results.add(new Phase("batch", options.batchClients(), options, batch).run());
    }
    MoneyCheck money = MoneyCheck.run(api, fixture, ledger);
    Reconciliation reconciliation = Reconciliation.fetch(api);
    Summary summary = new Summary(options, fixture, before, Machine.snapshot(), results);
    summary.print(money, reconciliation);
    System.exit(money.ok() && reconciliation.ok() && summary.clean() ? 0 : 1);
  }

  // ------------------------------------------------------------------------------- options

  /** Command-line knobs, {@code --name=value}. */
  record Options(
      String base,
      String key,
      int accounts,
      int clients,
      int batchClients,
      int batchSize,
      int warmupSeconds,
      int measureSeconds,
      List<String> phases,
      long serverPid,
      long dbPid,
      String dbInfo) {

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
      return new Options(
          m.getOrDefault("base", "http://127.0.0.1:8580"),
          key,
          intOf(m, "accounts", 64),
          intOf(m, "clients", 64),
          intOf(m, "batch-clients", 4),
          intOf(m, "batch-size", 100),
          intOf(m, "warmup", 5),
          intOf(m, "measure", 20),
          List.of(m.getOrDefault("phases", "single,batch").split(",")),
          Long.parseLong(m.getOrDefault("server-pid", "0")),
          Long.parseLong(m.getOrDefault("db-pid", "0")),
          m.getOrDefault("db-info", "MariaDB"));
    }

    private static int intOf(Map<String, String> m, String name, int fallback) {
      return m.containsKey(name) ? Integer.parseInt(m.get(name)) : fallback;
    }
  }

  // ------------------------------------------------------------------------------- HTTP

  /** An HTTP answer. */
  record Answer(int status, String body) {}

  /** Tally's HTTP API with the admin (service) key. */
  static final class Api {
    private final HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String base;
    private final String key;

    Api(String base, String key) {
      this.base = base;
      this.key = key;
    }

    Answer get(String path) throws IOException, InterruptedException {
      return send(request(path).GET().build());
    }

    Answer put(String path, String json) throws IOException, InterruptedException {
      return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Answer post(String path, String json, String idempotencyKey)
        throws IOException, InterruptedException {
      HttpRequest.Builder b = request(path).POST(HttpRequest.BodyPublishers.ofString(json));
      if (idempotencyKey != null) {
        b.header("Idempotency-Key", idempotencyKey);
      }
      return send(b.build());
    }

    /** POST of an idempotent body, resent on transport errors; the server's replay decides. */
    Answer postRetrying(String path, String json) throws IOException, InterruptedException {
      IOException last = null;
      for (int attempt = 0; attempt < 3; attempt++) {
        try {
          return post(path, json, null);
        } catch (IOException e) {
          last = e;
          Thread.sleep(100L << attempt);
        }
      }
      throw last;
    }

    private HttpRequest.Builder request(String path) {
      return HttpRequest.newBuilder(URI.create(base + path))
          .timeout(Duration.ofSeconds(60))
          .header("Authorization", "Bearer " + key)
          .header("Content-Type", "application/json")
          .header("Accept", "application/json");
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body());
    }
  }

  /** The few JSON fields the benchmark needs, by regular expression. */
  static final class Json {
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*(\\d+)");
    private static final Map<String, Pattern> FIELDS = new ConcurrentHashMap<>();

    private Json() {}

    static String field(String body, String name) {
      Matcher m = FIELDS.computeIfAbsent(name, Json::fieldPattern).matcher(body);
      if (!m.find()) {
        return null;
      }
      return m.group(2) != null ? m.group(2) : m.group(1);
    }

    private static Pattern fieldPattern(String name) {
      return Pattern.compile("\"" + name + "\"\\s*:\\s*(\"([^\"]*)\"|[-0-9.eE+]+|true|false|null)");
    }

    static List<Integer> statuses(String body) {
      List<Integer> out = new ArrayList<>();
      Matcher m = STATUS.matcher(body);
      while (m.find()) {
        out.add(Integer.parseInt(m.group(1)));
      }
      return out;
    }

    static String abbreviate(String body) {
      String flat = body == null ? "" : body.replaceAll("\\s+", " ");
      return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
    }
  }

  /** Thrown when setup or a check cannot go on. */
  static final class BenchFailure extends RuntimeException {
    BenchFailure(String what, Answer answer) {
      super(what + ": HTTP " + answer.status() + " " + Json.abbreviate(answer.body()));
    }
  }

  // ------------------------------------------------------------------------------- setup

  /** The priced model and the funded accounts, with their balances before the load. */
  record Fixture(String run, long[] accountIds, BigDecimal[] startBalances) {

    static Fixture create(Api api, Options options) throws IOException, InterruptedException {
      String run = Long.toString(System.currentTimeMillis(), 36);
      putModel(api);
      long[] ids = new long[options.accounts()];
      BigDecimal[] balances = new BigDecimal[ids.length];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = openAccount(api, run, i);
        credit(api, run, ids[i]);
        balances[i] = balance(api, ids[i]);
      }
      log("setup: model " + MODEL + ", " + ids.length + " accounts funded, run " + run);
      return new Fixture(run, ids, balances);
    }

    private static void putModel(Api api) throws IOException, InterruptedException {
      Answer a =
          api.put(
              "/api/v1/models/" + MODEL,
              "{\"family\":\"image\",\"name\":\"Bench image\",\"pricing\":"
                  + "{\"mode\":\"per_second\",\"ratePerSecond\":\""
                  + RATE_PER_SECOND.toPlainString()
                  + "\"}}");
      expect(a, "PUT /models/" + MODEL, 200, 201);
    }

    private static long openAccount(Api api, String run, int i)
        throws IOException, InterruptedException {
      String body =
          "{\"email\":\"bench-" + run + "-" + i + "@example.com\",\"name\":\"Bench " + i + "\"}";
      Answer a = api.post("/api/v1/accounts", body, null);
      expect(a, "POST /accounts", 201);
      return Long.parseLong(Json.field(a.body(), "id"));
    }

    private static void credit(Api api, String run, long id)
        throws IOException, InterruptedException {
      Answer a =
          api.post(
              "/api/v1/accounts/" + id + "/adjustments",
              "{\"amount\":\"" + CREDIT.toPlainString() + "\",\"reason\":\"benchmark credit\"}",
              "bench-" + run + "-credit-" + id);
      expect(a, "POST /accounts/" + id + "/adjustments", 201);
    }

    static BigDecimal balance(Api api, long id) throws IOException, InterruptedException {
      Answer a = api.get("/api/v1/accounts/" + id);
      expect(a, "GET /accounts/" + id, 200);
      return new BigDecimal(Json.field(a.body(), "balance"));
    }

    private static void expect(Answer a, String what, int... statuses) {
      if (Arrays.stream(statuses).noneMatch(s -> s == a.status())) {
        throw new BenchFailure(what, a);
      }
    }
  }

  /** What this side saw charged, per account index, over all phases (warm-up included). */
  static final class Ledger {
    final AtomicLongArray charges;
    final AtomicLong unknown = new AtomicLong();

    Ledger(int accounts) {
      charges = new AtomicLongArray(accounts);
    }

    long total() {
      long sum = 0;
      for (int i = 0; i < charges.length(); i++) {
        sum += charges.get(i);
      }
      return sum;
    }
  }

  // ------------------------------------------------------------------------------- load

  /** One request of a phase: sends it, records failures, returns the events charged. */
  interface Call {
    int events();

    int run(int client, long seq, Recorder recorder) throws InterruptedException;
  }

  /** {@code POST /usage}: one charge per request. */
  static final class SingleCall implements Call {
    private final Api api;
    private final Fixture fixture;
    private final Ledger ledger;

    SingleCall(Api api, Fixture fixture, Ledger ledger) {
      this.api = api;
      this.fixture = fixture;
      this.ledger = ledger;
    }

    @Override
    public int events() {
      return 1;
    }

    @Override
    public int run(int client, long seq, Recorder recorder) throws InterruptedException {
      int account = client % fixture.accountIds().length;
      String body = usage(fixture, "s" + client + "-" + seq, account);
      Answer a;
      try {
        a = api.postRetrying("/api/v1/usage", body);
      } catch (IOException e) {
        ledger.unknown.incrementAndGet();
        recorder.fail("io " + e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        return 0;
      }
      if (a.status() != 201 && a.status() != 200) {
        recorder.fail("HTTP " + a.status(), a.body());
        return 0;
      }
      if (a.status() == 200) {
        recorder.fail("replay 200 (after a retry)", a.body());
      }
      ledger.charges.incrementAndGet(account);
      String amount = Json.field(a.body(), "amount");
      if (!isCharge(amount)) {
        recorder.fail("amount != " + CHARGE, a.body());
      }
      return 1;
    }
  }

  /** {@code POST /usage/batch}: many events per request, each charged on its own. */
  static final class BatchCall implements Call {
    private final Api api;
    private final Fixture fixture;
    private final Ledger ledger;
    private final int size;

    BatchCall(Api api, Fixture fixture, Ledger ledger, int size) {
      this.api = api;
      this.fixture = fixture;
      this.ledger = ledger;
      this.size = size;
    }

    @Override
    public int events() {
      return size;
    }

    @Override
    public int run(int client, long seq, Recorder recorder) throws InterruptedException {
      int[] accounts = new int[size];
      StringBuilder body = new StringBuilder(size * 120).append("{\"events\":[");
      for (int j = 0; j < size; j++) {
        accounts[j] = (int) ((client * 7919L + seq * size + j) % fixture.accountIds().length);
        body.append(j == 0 ? "" : ",")
            .append(usage(fixture, "b" + client + "-" + seq + "-" + j, accounts[j]));
      }
      Answer a;
      try {
        a = api.postRetrying("/api/v1/usage/batch", body.append("]}").toString());
      } catch (IOException e) {
        ledger.unknown.addAndGet(size);
        recorder.fail("io " + e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        return 0;
      }
      if (a.status() != 200) {
        recorder.fail("HTTP " + a.status(), a.body());
        return 0;
      }
      return countResults(a, accounts, recorder);
    }

    private int countResults(Answer a, int[] accounts, Recorder recorder) {
      List<Integer> statuses = Json.statuses(a.body());
      if (statuses.size() != accounts.length) {
        recorder.fail("results " + statuses.size() + " != events " + accounts.length, a.body());
      }
      int ok = 0;
      for (int j = 0; j < statuses.size() && j < accounts.length; j++) {
        int s = statuses.get(j);
        if (s == 201 || s == 200) {
          ledger.charges.incrementAndGet(accounts[j]);
          ok++;
        }
        if (s != 201) {
          recorder.fail("event status " + s, a.body());
        }
      }
      return ok;
    }
  }

  static boolean isCharge(String amount) {
    try {
      return amount != null && new BigDecimal(amount).compareTo(CHARGE) == 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  static String usage(Fixture fixture, String id, int account) {
    return "{\"requestId\":\"bench-"
        + fixture.run()
        + "-"
        + id
        + "\",\"accountId\":"
        + fixture.accountIds()[account]
        + ",\"model\":\""
        + MODEL
        + "\",\"durationMs\":"
        + DURATION_MS
        + "}";
  }

  /** One client's measurements: latencies of requests inside the measured window, failures. */
  static final class Recorder {
    private long[] latencies = new long[1 << 14];
    private int count;
    long events;
    final Map<String, Long> failures = new TreeMap<>();
    final Map<String, String> samples = new HashMap<>();

    void latency(long nanos) {
      if (count == latencies.length) {
        latencies = Arrays.copyOf(latencies, count * 2);
      }
      latencies[count++] = nanos;
    }

    void fail(String label, String sample) {
      failures.merge(label, 1L, Long::sum);
      samples.putIfAbsent(label, Json.abbreviate(sample));
    }

    long[] latencies() {
      return Arrays.copyOf(latencies, count);
    }
  }

  /** Clients looping one call: warm-up, then a measured window. */
  static final class Phase {
    private final String name;
    private final int clients;
    private final Options options;
    private final Call call;

    Phase(String name, int clients, Options options, Call call) {
      this.name = name;
      this.clients = clients;
      this.options = options;
      this.call = call;
    }

    PhaseResult run() throws Exception {
      log(
          String.format(
              Locale.ROOT,
              "%s: %d clients, warm-up %d s, measuring %d s",
              name,
              clients,
              options.warmupSeconds(),
              options.measureSeconds()));
      long start = System.nanoTime();
      long measureFrom = start + seconds(options.warmupSeconds());
      long measureTo = measureFrom + seconds(options.measureSeconds());
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      List<Future<Recorder>> futures = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        futures.add(pool.submit(() -> loop(client, measureFrom, measureTo)));
      }
      Cpu cpu = Cpu.measure(options, measureFrom, measureTo);
      List<Recorder> recorders = new ArrayList<>();
      for (Future<Recorder> f : futures) {
        recorders.add(f.get());
      }
      pool.shutdown();
      return PhaseResult.of(name, clients, call.events(), options.measureSeconds(), recorders, cpu);
    }

    private Recorder loop(int client, long measureFrom, long measureTo)
        throws InterruptedException {
      Recorder recorder = new Recorder();
      for (long seq = 0; ; seq++) {
        long t0 = System.nanoTime();
        if (t0 >= measureTo) {
          return recorder;
        }
        int ok = call.run(client, seq, recorder);
        long t1 = System.nanoTime();
        if (t0 >= measureFrom && t1 <= measureTo) {
          recorder.latency(t1 - t0);
          recorder.events += ok;
        }
      }
    }

    private static long seconds(int s) {
      return s * 1_000_000_000L;
    }
  }

  /** CPU used during the measured window: by the server, the database, this process, all. */
  record Cpu(double server, double db, double bench, double machine) {

    /** Cumulative CPU seconds of the server, the database, this JVM; machine busy and total. */
    private record Sample(double server, double db, double bench, double busy, double total) {
      static Sample take(Options options) {
        double[] machine = machineTicks();
        return new Sample(
            ticks(options.serverPid()) / 100.0,
            ticks(options.dbPid()) / 100.0,
            ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L)
                / 1e9,
            machine[0],
            machine[1]);
      }
    }

    static Cpu measure(Options options, long from, long to) throws InterruptedException {
      sleepUntil(from);
      Sample a = Sample.take(options);
      sleepUntil(to);
      Sample b = Sample.take(options);
      double wall = (to - from) / 1e9;
      return new Cpu(
          100 * (b.server() - a.server()) / wall,
          100 * (b.db() - a.db()) / wall,
          100 * (b.bench() - a.bench()) / wall,
          100 * (b.busy() - a.busy()) / (b.total() - a.total()));
    }

    /** utime + stime of a process in clock ticks (USER_HZ, 100 on Linux), or NaN. */
    private static double ticks(long pid) {
      if (pid <= 0) {
        return Double.NaN;
      }
      try {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
      } catch (IOException | RuntimeException e) {
        return Double.NaN;
      }
    }

    /** Busy and total ticks of all CPUs from /proc/stat (idle and iowait are not busy). */
    private static double[] machineTicks() {
      try {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        double total = 0;
        for (int i = 1; i < Math.min(f.length, 9); i++) {
          total += Long.parseLong(f[i]);
        }
        return new double[] {total - Long.parseLong(f[4]) - Long.parseLong(f[5]), total};
      } catch (IOException | RuntimeException e) {
        return new double[] {Double.NaN, Double.NaN};
      }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
      long wait = nanoTime - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
    }

    /** What processes other than these three used: another job sharing the machine. */
    double other() {
      double all = machine * Runtime.getRuntime().availableProcessors();
      return Math.max(0, all - server - db - bench);
    }

    String format() {
      return String.format(
          Locale.ROOT,
          "cpu: server %.0f%%, db %.0f%%, bench %.0f%%, other %.0f%% (100%% = one core);"
              + " machine %.0f%% busy",
          server,
          db,
          bench,
          other(),
          machine);
    }
  }

  /** A phase's figures. */
  record PhaseResult(
      String name,
      int clients,
      int eventsPerRequest,
      int seconds,
      long requests,
      long events,
      long[] sortedLatencies,
      Map<String, Long> failures,
      Map<String, String> samples,
      Cpu cpu) {

    static PhaseResult of(
        String name, int clients, int perRequest, int seconds, List<Recorder> rs, Cpu cpu) {
      long events = 0;
      Map<String, Long> failures = new TreeMap<>();
      Map<String, String> samples = new TreeMap<>();
      List<long[]> parts = new ArrayList<>();
      for (Recorder r : rs) {
        events += r.events;
        parts.add(r.latencies());
        r.failures.forEach((k, v) -> failures.merge(k, v, Long::sum));
        r.samples.forEach(samples::putIfAbsent);
      }
      long[] all = parts.stream().flatMapToLong(Arrays::stream).sorted().toArray();
      return new PhaseResult(
          name, clients, perRequest, seconds, all.length, events, all, failures, samples, cpu);
    }

    double percentileMs(double p) {
      if (sortedLatencies.length == 0) {
        return Double.NaN;
      }
      int rank = (int) Math.ceil(p / 100 * sortedLatencies.length);
      return sortedLatencies[Math.max(0, rank - 1)] / 1e6;
    }

    double eventsPerSecond() {
      return (double) events / seconds;
    }

    String failuresText() {
      if (failures.isEmpty()) {
        return "none";
      }
      StringBuilder b = new StringBuilder();
      failures.forEach(
          (k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(" ×").append(v));
      return b.toString();
    }
  }

  // ------------------------------------------------------------------------------- checks

  /** Sum over the bench accounts of (balance before − balance after) == charges × 0.1234. */
  record MoneyCheck(
      long charges,
      long unknown,
      BigDecimal expected,
      BigDecimal debited,
      List<String> accountMismatches) {

    static MoneyCheck run(Api api, Fixture fixture, Ledger ledger)
        throws IOException, InterruptedException {
      BigDecimal debited = BigDecimal.ZERO;
      List<String> mismatches = new ArrayList<>();
      for (int i = 0; i < fixture.accountIds().length; i++) {
        long id = fixture.accountIds()[i];
        BigDecimal spent = fixture.startBalances()[i].subtract(Fixture.balance(api, id));
        BigDecimal counted = CHARGE.multiply(BigDecimal.valueOf(ledger.charges.get(i)));
        if (spent.compareTo(counted) != 0) {
          mismatches.add("account " + id + ": debited " + spent + ", counted " + counted);
        }
        debited = debited.add(spent);
      }
      long charges = ledger.total();
      return new MoneyCheck(
          charges,
          ledger.unknown.get(),
          CHARGE.multiply(BigDecimal.valueOf(charges)),
          debited,
          mismatches);
    }

    boolean ok() {
      return expected.compareTo(debited) == 0 && accountMismatches.isEmpty();
    }
  }

  /** {@code GET /reconciliation}. */
  record Reconciliation(boolean ok, String body) {

    static Reconciliation fetch(Api api) throws IOException, InterruptedException {
      Answer a = api.get("/api/v1/reconciliation");
      boolean ok = a.status() == 200 && "true".equals(Json.field(a.body(), "ok"));
      return new Reconciliation(ok, "HTTP " + a.status() + " " + Json.abbreviate(a.body()));
    }
  }

  // ------------------------------------------------------------------------------- report

  /** Machine facts for the summary. */
  static final class Machine {
    record Snapshot(String load) {}

    private Machine() {}

    static Snapshot snapshot() {
      try {
        String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return new Snapshot(f[0] + " " + f[1] + " " + f[2]);
      } catch (IOException e) {
        return new Snapshot("?");
      }
    }

    static String cpuModel() {
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

  /** The one summary block. */
  record Summary(
      Options options,
      Fixture fixture,
      Machine.Snapshot before,
      Machine.Snapshot after,
      List<PhaseResult> results) {

    boolean clean() {
      return results.stream().allMatch(r -> r.failures().isEmpty());
    }

    void print(MoneyCheck money, Reconciliation reconciliation) {
      for (PhaseResult r : results) {
        r.samples().forEach((k, v) -> log("first '" + k + "' in " + r.name() + ": " + v));
      }
      System.out.println();
      System.out.println("== Tally benchmark (run " + fixture.run() + ") ==");
      line(
          "machine",
          Runtime.getRuntime().availableProcessors()
              + " cpus ("
              + Machine.cpuModel()
              + "), load "
              + before.load()
              + " before, "
              + after.load()
              + " after");
      line(
          "setup",
          options.dbInfo()
              + "; "
              + fixture.accountIds().length
              + " accounts; warm-up "
              + options.warmupSeconds()
              + " s, measured "
              + options.measureSeconds()
              + " s per phase");
      for (PhaseResult r : results) {
        line(r.name(), figures(r));
        line("", r.cpu().format());
        line("", "non-201 (whole phase, warm-up included): " + r.failuresText());
      }
      line("money", moneyText(money));
      System.out.println(
          "reconciliation: "
              + (reconciliation.ok() ? "ok" : "FAILED")
              + " ("
              + reconciliation.body()
              + ")");
    }

    private static void line(String label, String text) {
      System.out.printf(Locale.ROOT, "%-8s %s%n", label, text);
    }

    private static String figures(PhaseResult r) {
      String what =
          r.eventsPerRequest() == 1
              ? String.format(
                  Locale.ROOT, "%d clients: %.0f charges/s", r.clients(), r.eventsPerSecond())
              : String.format(
                  Locale.ROOT,
                  "%d clients × %d events: %.0f events/s (%.1f batches/s)",
                  r.clients(),
                  r.eventsPerRequest(),
                  r.eventsPerSecond(),
                  (double) r.requests() / r.seconds());
      return String.format(
          Locale.ROOT,
          "%s; latency p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms" + " (%d requests)",
          what,
          r.percentileMs(50),
          r.percentileMs(99),
          r.percentileMs(99.9),
          r.requests());
    }

    private static String moneyText(MoneyCheck m) {
      String verdict = m.ok() ? "ok" : "MISMATCH";
      String text =
          m.charges()
              + " charges × "
              + CHARGE
              + " = "
              + m.expected().toPlainString()
              + ", debited "
              + m.debited().toPlainString()
              + ": "
              + verdict;
      if (m.unknown() > 0) {
        text += " (" + m.unknown() + " events of unknown outcome after transport errors)";
      }
      if (!m.accountMismatches().isEmpty()) {
        text +=
            "; "
                + m.accountMismatches().size()
                + " accounts differ, first: "
                + m.accountMismatches().get(0);
      }
      return text;
    }
  }

  static void log(String message) {
    System.out.println("[bench] " + message);
  }
}
