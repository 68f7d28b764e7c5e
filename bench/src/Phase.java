import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * One phase: its clients loop their workload without pause from the first request to the last;
 * warm-up runs until the rate is steady ({@link Steady}), then the measured window follows at once.
 * Rate, latencies and CPU count what completed inside the window; every answer of the whole phase,
 * warm-up included, counts toward the failures and the money.
 */
final class Phase {

  private final String name;
  private final int clients;
  private final Workload workload;
  private final Http http;
  private final Options options;
  private final LongAdder units = new LongAdder();
  private final LongAdder requests = new LongAdder();
  private volatile long from = Long.MAX_VALUE;
  private volatile long to = Long.MAX_VALUE;
  private volatile boolean stop;

  Phase(String name, Workload workload, Http http, Options options) {
    this.name = name;
    this.clients = options.clients(name);
    this.workload = workload;
    this.http = http;
    this.options = options;
  }

  Result run() throws InterruptedException {
    Bench.log(
        name
            + ": "
            + clients
            + " clients, warm-up until steady (at most "
            + options.warmupMax()
            + " s), then "
            + options.measure()
            + " s measured");
    List<Client> all = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      Client client = new Client(c, http, requests);
      all.add(client);
      Thread t = new Thread(() -> loop(client), name + "-" + c);
      t.setDaemon(true);
      threads.add(t);
    }
    threads.forEach(Thread::start);
    Steady steady =
        Steady.await(units::sum, options.window(), options.warmupMax(), options.steadyPercent());
    Cpu.Sample a = Cpu.Sample.take(options.serverPid(), options.dbPid());
    long units0 = units.sum();
    long requests0 = requests.sum();
    to = a.nanos() + options.measure() * 1_000_000_000L;
    from = a.nanos();
    Steady.Clock.sleepUntil(to);
    Cpu.Sample b = Cpu.Sample.take(options.serverPid(), options.dbPid());
    long measuredUnits = units.sum() - units0;
    long measuredRequests = requests.sum() - requests0;
    double rss = Cpu.rssMiB(options.serverPid());
    stop = true;
    for (Thread t : threads) {
      t.join();
    }
    all.forEach(Client::close);
    return Result.of(
        name,
        clients,
        workload.unit(),
        steady,
        Cpu.between(a, b),
        measuredUnits,
        measuredRequests,
        rss,
        all);
  }

  private void loop(Client client) {
    while (!stop) {
      long t0 = System.nanoTime();
      int done;
      try {
        done = workload.call(client);
      } catch (RuntimeException e) {
        // An answer this side cannot read: reported (and so failing the run), the client goes on.
        client.fail("unreadable answer " + e.getClass().getSimpleName(), String.valueOf(e));
        done = 0;
      }
      long t1 = System.nanoTime();
      units.add(done);
      if (done > 0 && t1 >= from && t1 < to) {
        client.latency(t1 - t0);
      }
    }
  }

  /** A phase's figures; the ceiling and the checks are added by {@link Bench}. */
  record Result(
      String name,
      int clients,
      String unit,
      Steady steady,
      Cpu cpu,
      long units,
      long requests,
      double serverRssMiB,
      long[] sortedLatencies,
      Map<String, Long> failures,
      Map<String, String> samples) {

    static Result of(
        String name,
        int clients,
        String unit,
        Steady steady,
        Cpu cpu,
        long units,
        long requests,
        double rss,
        List<Client> all) {
      Map<String, Long> failures = new TreeMap<>();
      Map<String, String> samples = new TreeMap<>();
      List<long[]> parts = new ArrayList<>();
      for (Client c : all) {
        parts.add(c.latencies());
        c.failures.forEach((k, v) -> failures.merge(k, v, Long::sum));
        c.samples.forEach(samples::putIfAbsent);
      }
      long[] sorted = parts.stream().flatMapToLong(Arrays::stream).sorted().toArray();
      return new Result(
          name, clients, unit, steady, cpu, units, requests, rss, sorted, failures, samples);
    }

    double rate() {
      return units / cpu.seconds();
    }

    double percentileMs(double p) {
      if (sortedLatencies.length == 0) {
        return Double.NaN;
      }
      int rank = (int) Math.ceil(p / 100 * sortedLatencies.length);
      return sortedLatencies[Math.max(0, rank - 1)] / 1e6;
    }
  }
}
