import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The ceiling of each phase, measured in the same run against the same MariaDB (same flush setting,
 * same driver, same isolation and session settings as the server's pool), with the server idle: the
 * phase's transactions done directly over JDBC by as many threads as the phase has clients, in a
 * copy of the server's schema ({@link CeilingSchema}). No HTTP, no JSON, no application server:
 * what the database and the machine allow for the same work.
 */
final class Ceiling {

  /** The server pool's driver options (datasource.asadmin), so both sides talk alike. */
  static final String DRIVER_OPTIONS =
      "tcpKeepAlive=true&connectTimeout=3000&socketTimeout=10000"
          + "&sessionVariables=innodb_lock_wait_timeout=10";

  private final Options options;
  private final Fixture fixture;
  private final String url;
  private final AtomicLong charges = new AtomicLong();
  private long chargesBefore;

  static {
    // Deadlocks are retried and counted; the driver need not print each one.
    System.setProperty("mariadb.logging.disable", "true");
  }

  Ceiling(Options options, Fixture fixture) {
    this.options = options;
    this.fixture = fixture;
    this.url = options.dbUrl() + "/" + CeilingSchema.NAME + "?" + DRIVER_OPTIONS;
  }

  /** A step's figures. */
  record Step(
      String phase,
      int threads,
      double rate,
      double p50,
      double p99,
      Steady steady,
      Cpu cpu,
      long retries,
      String failure) {
    String text() {
      return String.format(
          Locale.ROOT,
          "%.0f/s with %d threads; p50 %.2f ms, p99 %.2f ms; %s; retries %d; cpu: db %.0f%%,"
              + " jdbc client %.0f%%, server (idle) %.0f%%, other %.0f%%%s",
          rate,
          threads,
          p50,
          p99,
          steady.text(),
          retries,
          cpu.db(),
          cpu.self(),
          cpu.server(),
          cpu.other(),
          failure == null ? "; verified" : "; FAILED: " + failure);
    }
  }

  /** Runs the ceiling of every selected phase, in order; the server should be idle meanwhile. */
  Map<String, Step> run() throws Exception {
    try (Connection admin =
        DriverManager.getConnection(options.dbUrl() + "/?" + DRIVER_OPTIONS, "root", "")) {
      CeilingSchema.copy(admin, options.dbSchema());
      try (Statement st = admin.createStatement();
          ResultSet rs =
              st.executeQuery("SELECT COUNT(*) FROM " + CeilingSchema.NAME + ".charge")) {
        rs.next();
        chargesBefore = rs.getLong(1);
      }
    }
    Bench.log("ceiling: schema " + options.dbSchema() + " copied into " + CeilingSchema.NAME);
    Map<String, Step> steps = new LinkedHashMap<>();
    for (String phase : options.phases()) {
      Step step = step(phase);
      Bench.log("ceiling " + phase + ": " + step.text());
      steps.put(phase, step);
    }
    return steps;
  }

  private Step step(String phase) throws Exception {
    int threads = options.clients(phase);
    LongAdder units = new LongAdder();
    LongAdder retries = new LongAdder();
    List<Worker> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Worker w = new Worker(phase, t, threads, units, retries);
      workers.add(w);
    }
    workers.forEach(Thread::start);
    Steady steady =
        Steady.await(units::sum, 2, options.ceilingWarmupMax(), options.steadyPercent());
    Cpu.Sample a = Cpu.Sample.take(options.serverPid(), options.dbPid());
    long u0 = units.sum();
    long r0 = retries.sum();
    long to = a.nanos() + options.ceilingMeasure() * 1_000_000_000L;
    workers.forEach(w -> w.from = a.nanos());
    workers.forEach(w -> w.to = to);
    Steady.Clock.sleepUntil(to);
    Cpu.Sample b = Cpu.Sample.take(options.serverPid(), options.dbPid());
    long measured = units.sum() - u0;
    long measuredRetries = retries.sum() - r0;
    String failure = null;
    for (Worker w : workers) {
      w.stop = true;
    }
    List<Long> latencies = new ArrayList<>();
    for (Worker w : workers) {
      w.join();
      if (w.failure != null && failure == null) {
        failure = w.failure.toString();
      }
      for (int i = 0; i < w.count; i++) {
        latencies.add(w.latencies[i]);
      }
    }
    if (failure == null) {
      try (Connection c = DriverManager.getConnection(url, "root", "")) {
        failure = CeilingSchema.verify(c, chargesBefore + charges.get());
      }
    }
    long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    Cpu cpu = Cpu.between(a, b);
    return new Step(
        phase,
        threads,
        measured / cpu.seconds(),
        pct(sorted, 50),
        pct(sorted, 99),
        steady,
        cpu,
        measuredRetries,
        failure);
  }

  private static double pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, rank - 1)] / 1e6;
  }

  /** One JDBC connection looping the phase's transaction. */
  private final class Worker extends Thread {
    private final String phase;
    private final int index;
    private final int threads;
    private final LongAdder units;
    private final LongAdder retries;
    volatile long from = Long.MAX_VALUE;
    volatile long to = Long.MAX_VALUE;
    volatile boolean stop;
    volatile Throwable failure;
    long[] latencies = new long[1 << 14];
    int count;

    Worker(String phase, int index, int threads, LongAdder units, LongAdder retries) {
      super("ceiling-" + phase + "-" + index);
      setDaemon(true);
      this.phase = phase;
      this.index = index;
      this.threads = threads;
      this.units = units;
      this.retries = retries;
    }

    @Override
    public void run() {
      try (CeilingTx tx = new CeilingTx(DriverManager.getConnection(url, "root", ""))) {
        tx.connection().setAutoCommit(phase.equals("reads"));
        for (long seq = 0; !stop; seq++) {
          long t0 = System.nanoTime();
          int done = unit(tx, seq);
          long t1 = System.nanoTime();
          units.add(done);
          if (t1 >= from && t1 < to) {
            if (count == latencies.length) {
              latencies = java.util.Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = t1 - t0;
          }
        }
      } catch (Throwable t) {
        failure = t;
      }
    }

    /** A transaction, retried after a deadlock or a lock wait timeout as the server's are. */
    private <T> T retry(SqlCall<T> call, CeilingTx tx) throws SQLException {
      for (int attempt = 0; ; attempt++) {
        try {
          return call.run();
        } catch (SQLException e) {
          tx.rollback();
          if (attempt >= 100 || !retryable(e)) {
            throw e;
          }
          retries.increment();
        }
      }
    }

    private int unit(CeilingTx tx, long seq) throws SQLException {
      long[] ids = fixture.accountIds;
      String id = "ceiling-" + fixture.run + "-" + phase + "-" + index + "-" + seq;
      switch (phase) {
        case "single16", "single64" -> {
          long account = ids[Workload.spread(index, seq, threads, ids.length)];
          retry(() -> tx.charge(account, id, 0), tx);
          charges.incrementAndGet();
          return 1;
        }
        case "hot" -> {
          retry(() -> tx.charge(ids[0], id, 0), tx);
          charges.incrementAndGet();
          return 1;
        }
        case "authsettle" -> {
          long account = ids[Workload.spread(index, seq, threads, ids.length)];
          long hold = retry(() -> tx.hold(account), tx);
          retry(() -> tx.charge(account, id, hold), tx);
          charges.incrementAndGet();
          return 1;
        }
        case "reads" -> {
          long account = ids[Workload.spread(index, seq, threads, ids.length)];
          retry(() -> tx.read(account), tx);
          return 1;
        }
        case "batch" -> {
          int size = options.batchSize();
          long[] accounts = new long[size];
          String[] requestIds = new String[size];
          for (int j = 0; j < size; j++) {
            accounts[j] = ids[Workload.Batch.account(index, seq, j, size, ids.length)];
            requestIds[j] = id + "-" + j;
          }
          retry(() -> tx.batch(accounts, requestIds), tx);
          charges.addAndGet(size);
          return size;
        }
        default -> throw new IllegalArgumentException(phase);
      }
    }
  }

  /** One JDBC transaction (or read). */
  @FunctionalInterface
  interface SqlCall<T> {
    T run() throws SQLException;
  }

  static boolean retryable(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException q
          && (q.getErrorCode() == 1213
              || q.getErrorCode() == 1205
              || (q.getSQLState() != null && q.getSQLState().startsWith("40")))) {
        return true;
      }
    }
    return false;
  }
}
