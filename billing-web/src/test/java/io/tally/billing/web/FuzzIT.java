package io.tally.billing.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rule 6 and 10 under fire: thousands of generated hostile requests over every endpoint (wrong
 * types, absurd numbers, unicode, deep nesting, duplicate keys, 1 MB bodies, invalid UTF-8, hostile
 * paths, queries and headers, forged page forms), with the service key, an account key, a bad key
 * and none. Not one may answer 5xx, every refusal under /api/v1 is a JSON error, and no money
 * moves.
 *
 * <p>Reproducible: the seed is printed; {@code -Dfuzz.seed=<n>} (or {@code random}) and {@code
 * -Dfuzz.count=<n>} override it and the number of requests; {@code -Dfuzz.reportOnly=true} prints
 * the failures without failing, to work through them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FuzzIT {

  private static final long DEFAULT_SEED = 20_261_129L;
  private static final int THREADS = 4;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.tally();
  }

  @ArquillianResource URL base;

  @Test
  void hostileInputsNeverAnswer5xxAndMoveNoMoney() throws Exception {
    Api api = Api.admin(base);
    long account = api.newAccount();
    String accountKey = api.keyOf(account);
    FuzzTargets.Ids ids =
        new FuzzTargets.Ids(
            account,
            api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.001\"}"),
            api.newModel("image", "{\"mode\":\"per_image\",\"pricePerImage\":\"0.003\"}"),
            api.newModel(
                "video",
                "{\"mode\":\"per_output_second\",\"ratesByResolution\":{\"720p\":\"0.25\"}}"),
            api.newModel("finetune", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.001\"}"));
    Api.Reply charged =
        api.post(
            "usage",
            "{\"requestId\":\"fuzz-setup\",\"accountId\":"
                + account
                + ",\"model\":\""
                + ids.perImage()
                + "\"}");
    assertEquals(201, charged.status(), charged.body());
    long seed = seed();
    int count = Integer.getInteger("fuzz.count", 10_000);
    HostileRequests requests =
        new HostileRequests(
            seed, root(), FuzzTargets.all(ids), account, ids.perImage(), Api.ADMIN_KEY, accountKey);
    Ledger before = Ledger.read(account);
    assertTrue(api.reconciliation().getBoolean("ok"), "the ledger reconciles before");

    long started = System.nanoTime();
    Tally tally = fire(requests, count);
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

    Ledger after = Ledger.read(account);
    assertTrue(api.reconciliation().getBoolean("ok"), "the ledger reconciles after");
    System.out.println("fuzz: answers by status " + tally.statuses + " in " + seconds + " s");
    tally.report().forEach(line -> System.out.println("fuzz: " + line));
    System.out.println(tally.summary(count, seed, before, after));
    if (Boolean.getBoolean("fuzz.reportOnly")) {
      return;
    }
    assertEquals(List.of(), tally.report(), tally.summary(count, seed, before, after));
    assertEquals(before.guarded(), after.guarded(), "the fuzz moved money or changed the catalog");
    assertTrue(count < 10_000 || tally.sent.get() >= 10_000, "sent " + tally.sent);
  }

  /** The deployment's context path, without its trailing slash. */
  private String root() {
    String path = base.getPath();
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private static long seed() {
    String given = System.getProperty("fuzz.seed", "");
    if (given.isBlank()) {
      return DEFAULT_SEED;
    }
    return given.equals("random") ? System.nanoTime() : Long.parseLong(given.strip());
  }

  private Tally fire(HostileRequests requests, int count) throws InterruptedException {
    SocketHttp http = new SocketHttp(base.getHost(), base.getPort());
    Tally tally = new Tally();
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    for (int t = 0; t < THREADS; t++) {
      pool.execute(
          () -> {
            for (int i; (i = next.getAndIncrement()) < count; ) {
              HostileRequests.Request request = requests.make(i);
              try {
                tally.check(request, http.send(request));
              } catch (IOException | RuntimeException e) {
                tally.failures.add(
                    new Failure(
                        "no answer (" + e.getClass().getSimpleName() + ")",
                        0,
                        request,
                        e.toString()));
              }
            }
          });
    }
    pool.shutdown();
    assertTrue(pool.awaitTermination(15, TimeUnit.MINUTES), "the fuzz did not finish");
    return tally;
  }

  /** A request answered wrongly: why, with what, and the answer's start. */
  record Failure(String why, int status, HostileRequests.Request request, String answer) {

    /** Failures of one kind on one endpoint count as one finding. */
    String finding() {
      return why + " " + status + " on " + request.endpoint();
    }
  }

  /** What came back. */
  private static final class Tally {
    final AtomicInteger sent = new AtomicInteger();
    final Map<Integer, Integer> statuses = new TreeMap<>();
    final Queue<Failure> failures = new ConcurrentLinkedQueue<>();

    void check(HostileRequests.Request request, SocketHttp.Answer answer) {
      sent.incrementAndGet();
      synchronized (statuses) {
        statuses.merge(answer.status(), 1, Integer::sum);
      }
      String why = fault(request, answer);
      if (why != null) {
        String body = answer.body().replace("\n", " ");
        failures.add(
            new Failure(
                why, answer.status(), request, body.substring(0, Math.min(200, body.length()))));
      }
    }

    private static String fault(HostileRequests.Request request, SocketHttp.Answer answer) {
      if (answer.status() >= 500) {
        return "5xx";
      }
      if (answer.status() == 0) {
        return request.protocol() ? null : "no answer";
      }
      if (answer.status() < 400 || !request.api() || request.protocol()) {
        return null;
      }
      try (var reader = Json.createReader(new StringReader(answer.body()))) {
        JsonObject error = reader.readObject();
        return error.containsKey("error") ? null : "4xx without an error code";
      } catch (RuntimeException notJson) {
        return "4xx not JSON";
      }
    }

    /** Each finding once, with how often it happened and its first example. */
    List<String> report() {
      Map<String, List<Failure>> findings =
          failures.stream()
              .sorted(java.util.Comparator.comparingInt(f -> f.request().index()))
              .collect(Collectors.groupingBy(Failure::finding, TreeMap::new, Collectors.toList()));
      return findings.entrySet().stream()
          .map(
              finding -> {
                Failure first = finding.getValue().get(0);
                return finding.getKey()
                    + " ×"
                    + finding.getValue().size()
                    + ", e.g. "
                    + first.request().describe()
                    + " answered: "
                    + first.answer();
              })
          .toList();
    }

    long fivexx() {
      return statuses.entrySet().stream()
          .filter(e -> e.getKey() >= 500)
          .mapToLong(Map.Entry::getValue)
          .sum();
    }

    String summary(int count, long seed, Ledger before, Ledger after) {
      boolean unchanged = before.guarded().equals(after.guarded());
      return "fuzz: "
          + sent
          + " inputs, seed "
          + seed
          + ", "
          + fivexx()
          + " × 5xx, "
          + failures.size()
          + " wrong answers, ledger "
          + (unchanged ? "unchanged" : "CHANGED")
          + " (entries "
          + after.entries()
          + ", sum "
          + after.sum()
          + ")"
          + (unchanged ? "" : " from " + before + " to " + after);
    }
  }

  /**
   * What no hostile request may change, read over JDBC: the whole ledger's entries and sum, and
   * every account the fuzzer can reach (the fuzz account and any opened since, ids from it on):
   * their balance, held, entries, charges and holds. Other test classes' timers may still move
   * money on their own accounts, which must not fail this test, so those are only printed.
   */
  record Ledger(
      long entries, BigDecimal sum, long accounts, String reachable, long models, long prices) {

    /** What the fuzz must leave exactly as it was. */
    List<Object> guarded() {
      return List.of(accounts, reachable, models, prices);
    }

    static Ledger read(long firstAccount) throws Exception {
      try (Connection db =
              DriverManager.getConnection(
                  "jdbc:mariadb://127.0.0.1:" + System.getProperty("it.db.port") + "/tally",
                  "root",
                  "");
          Statement sql = db.createStatement()) {
        ResultSet ledger =
            sql.executeQuery("SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM ledger_entry");
        ledger.next();
        long entries = ledger.getLong(1);
        BigDecimal sum = ledger.getBigDecimal(2);
        return new Ledger(
            entries,
            sum,
            one(sql, "SELECT COUNT(*) FROM account"),
            reachable(sql, firstAccount),
            one(sql, "SELECT COUNT(*) FROM model"),
            one(sql, "SELECT COUNT(*) FROM model_price"));
      }
    }

    private static String reachable(Statement sql, long firstAccount) throws Exception {
      StringBuilder digest = new StringBuilder();
      try (ResultSet rows =
          sql.executeQuery(
              "SELECT a.id, a.balance, a.held,"
                  + " (SELECT COUNT(*) FROM ledger_entry e WHERE e.account_id = a.id),"
                  + " (SELECT COALESCE(SUM(e.amount), 0) FROM ledger_entry e WHERE e.account_id = a.id),"
                  + " (SELECT COUNT(*) FROM charge c WHERE c.account_id = a.id),"
                  + " (SELECT COUNT(*) FROM authorization_hold h WHERE h.account_id = a.id)"
                  + " FROM account a WHERE a.id >= "
                  + firstAccount
                  + " ORDER BY a.id")) {
        while (rows.next()) {
          for (int column = 1; column <= 7; column++) {
            digest.append(rows.getString(column)).append(column == 7 ? ";" : ",");
          }
        }
      }
      return digest.toString();
    }

    private static long one(Statement sql, String query) throws Exception {
      try (ResultSet row = sql.executeQuery(query)) {
        row.next();
        return row.getLong(1);
      }
    }
  }
}
