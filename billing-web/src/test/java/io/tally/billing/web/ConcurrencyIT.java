package io.tally.billing.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Many clients at once: the balance stays exact, never negative, and a requestId charges once. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConcurrencyIT {

  private static final int CLIENTS = 64;
  private static final int CHARGES_EACH = 50;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.tally();
  }

  @ArquillianResource URL base;

  Api api;

  @BeforeEach
  void connect() {
    api = Api.admin(base);
  }

  @Test
  void sixtyFourClientsChargingOneAccountLeaveAnExactBalanceThatNeverGoesNegative()
      throws Exception {
    long account = api.newAccount();
    Api.Reply credit =
        api.post(
            "accounts/" + account + "/adjustments",
            "{\"amount\":\"4\",\"reason\":\"concurrency test\"}",
            "Idempotency-Key",
            Api.unique("credit"));
    assertEquals(201, credit.status(), credit.body());
    // $5.00 at $0.003 a call covers 1,666 of the 3,200 calls and leaves $0.002.
    String model = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.001\"}");
    AtomicInteger charged = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    Set<String> negativeBalances = ConcurrentHashMap.newKeySet();
    ConnectionCount connections = ConnectionCount.sampling();

    runTogether(
        CLIENTS,
        client -> {
          for (int i = 0; i < CHARGES_EACH; i++) {
            Api.Reply reply =
                api.post(
                    "usage",
                    "{\"requestId\":\"c"
                        + client
                        + "-"
                        + i
                        + "\",\"accountId\":"
                        + account
                        + ",\"model\":\""
                        + model
                        + "\",\"durationMs\":3000}");
            if (reply.status() == 201) {
              charged.incrementAndGet();
              String balance = reply.json().getString("balance");
              if (balance.startsWith("-")) {
                negativeBalances.add(balance);
              }
            } else {
              assertEquals(402, reply.status(), reply.body());
              assertEquals("out_of_credits", reply.error());
              refused.incrementAndGet();
            }
          }
          return null;
        });
    int peak = connections.stop();

    assertEquals(1666, charged.get());
    assertEquals(CLIENTS * CHARGES_EACH - 1666, refused.get());
    assertTrue(negativeBalances.isEmpty(), negativeBalances.toString());
    assertEquals(new BigDecimal("0.002000"), api.balance(account));
    JsonObject usage =
        api.get("accounts/" + account + "/usage?from=2000-01-01&to=2100-01-01").json();
    assertEquals(1666, usage.getJsonObject("totals").getInt("calls"));
    assertEquals("4.998000", usage.getJsonObject("totals").getString("amount"));
    JsonObject report = api.reconciliation();
    assertTrue(report.getBoolean("ok"), report.toString());
    // The pool's sizes come from MicroProfile Config: arquillian.xml sets 24 and 4 (the defaults
    // are 64 and 8). 64 clients at once make the pool grow past 4 but never past 24 connections,
    // and it keeps at least 4 afterwards.
    assertTrue(
        peak > 4 && peak <= 24, peak + " connections open at the peak: " + connections.atPeak());
    int open = ConnectionCount.now();
    assertTrue(open >= 4 && open <= 24, open + " connections open after the load");
  }

  /**
   * Counts the connections the server holds open to Tally's database, every 20 ms. A connection
   * counts when two samples in a row see it: the pool keeps its connections for minutes, while one
   * that is being closed may show for an instant beside the one that replaces it.
   */
  private static final class ConnectionCount {
    private static final String OPEN =
        "SELECT ID, COMMAND, TIME_MS FROM information_schema.PROCESSLIST"
            + " WHERE DB = 'tally' AND ID <> CONNECTION_ID()";

    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicReference<String> atPeak = new AtomicReference<>("");
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Connection connection;
    private Map<Long, String> previous = Map.of();

    private ConnectionCount(Connection connection) {
      this.connection = connection;
    }

    static ConnectionCount sampling() throws Exception {
      ConnectionCount count = new ConnectionCount(connect());
      count.sampler.scheduleAtFixedRate(count::sample, 0, 20, TimeUnit.MILLISECONDS);
      return count;
    }

    private void sample() {
      try {
        Map<Long, String> open = open(connection);
        Set<Long> held = new HashSet<>(open.keySet());
        held.retainAll(previous.keySet());
        if (held.size() > peak.get()) {
          peak.set(held.size());
          atPeak.set(open.toString());
        }
        previous = open;
      } catch (Exception e) {
        failure.compareAndSet(null, e);
      }
    }

    /** The most connections held open at once while sampling. */
    int stop() throws Exception {
      sampler.shutdown();
      assertTrue(sampler.awaitTermination(30, TimeUnit.SECONDS));
      connection.close();
      if (failure.get() != null) {
        throw failure.get();
      }
      return peak.get();
    }

    /** The connections open at the peak: id, command and milliseconds in it. */
    String atPeak() {
      return atPeak.get();
    }

    /** Connections open now (the pool keeps idle ones), not counting the one asking. */
    static int now() throws Exception {
      try (Connection asking = connect()) {
        return open(asking).size();
      }
    }

    private static Connection connect() throws Exception {
      return DriverManager.getConnection(
          "jdbc:mariadb://127.0.0.1:" + System.getProperty("it.db.port") + "/tally", "root", "");
    }

    private static Map<Long, String> open(Connection connection) throws Exception {
      Map<Long, String> open = new TreeMap<>();
      try (Statement statement = connection.createStatement();
          ResultSet row = statement.executeQuery(OPEN)) {
        while (row.next()) {
          open.put(row.getLong(1), row.getString(2) + " " + row.getString(3));
        }
      }
      return open;
    }
  }

  @Test
  void oneRequestIdSentByTwentyClientsAtOnceChargesOnce() throws Exception {
    long account = api.newAccount();
    String model = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.01\"}");
    String body =
        "{\"requestId\":\"same-request\",\"accountId\":"
            + account
            + ",\"model\":\""
            + model
            + "\",\"durationMs\":60000}";

    List<Api.Reply> replies = runTogether(20, client -> api.post("usage", body));

    Set<Long> chargeIds = ConcurrentHashMap.newKeySet();
    int created = 0;
    for (Api.Reply reply : replies) {
      assertTrue(reply.status() == 201 || reply.status() == 200, reply.body());
      created += reply.status() == 201 ? 1 : 0;
      chargeIds.add(reply.json().getJsonNumber("id").longValue());
      assertEquals("0.600000", reply.json().getString("amount"));
      assertEquals("0.400000", reply.json().getString("balance"));
    }
    assertEquals(1, created);
    assertEquals(1, chargeIds.size());
    assertEquals(new BigDecimal("0.400000"), api.balance(account));
    assertEquals(
        2, api.get("accounts/" + account + "/transactions").json().getJsonArray("items").size());
    assertTrue(api.reconciliation().getBoolean("ok"));
  }

  @Test
  void twentyUsagesNamingOneHoldAtOnceSettleItOnceAndSpendNoMoreThanTheAccountHas()
      throws Exception {
    long account = api.newAccount();
    String model = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.01\"}");
    Api.Reply hold =
        api.post(
            "authorizations",
            "{\"accountId\":" + account + ",\"model\":\"" + model + "\",\"durationMs\":10000}");
    assertEquals(201, hold.status(), hold.body());
    assertEquals(new BigDecimal("0.900000"), api.available(account));

    // Each usage costs $0.95: only the hold's $0.10 plus the $0.90 available can pay for one.
    List<Api.Reply> replies =
        runTogether(
            20,
            client ->
                api.post(
                    "usage",
                    "{\"requestId\":\"on-one-hold-"
                        + client
                        + "\",\"accountId\":"
                        + account
                        + ",\"model\":\""
                        + model
                        + "\",\"durationMs\":95000,\"authorizationId\":"
                        + hold.json().getJsonNumber("id")
                        + "}"));

    int created = 0;
    for (Api.Reply reply : replies) {
      assertTrue(reply.status() == 201 || reply.status() == 402, reply.body());
      if (reply.status() == 201) {
        created++;
        assertEquals("0.050000", reply.json().getString("balance"));
      } else {
        assertEquals("out_of_credits", reply.error());
      }
    }
    assertEquals(1, created);
    assertEquals(new BigDecimal("0.050000"), api.balance(account));
    assertEquals(new BigDecimal("0.050000"), api.available(account));
    assertEquals(2, api.entryCount(account));
    assertTrue(api.reconciliation().getBoolean("ok"));
  }

  /**
   * Group commit of authorizations: 40 clients place two holds each at once on two accounts. One
   * has $5.00 and holds of $0.15 (33 fit, leaving $0.05), the other $1.00 and a spend limit of
   * $0.50 (3 fit). Every hold is answered on its own: a 201 with its id, or a 402 with the account
   * as the hold met it; held is exact, no money moved, and the holds shared transactions.
   */
  @Test
  void concurrentAuthorizationsShareTransactionsAndEachHoldIsAnsweredOnItsOwn() throws Exception {
    long rich = api.newAccount();
    Api.Reply credit =
        api.post(
            "accounts/" + rich + "/adjustments",
            "{\"amount\":\"4\",\"reason\":\"hold burst\"}",
            "Idempotency-Key",
            Api.unique("credit"));
    assertEquals(201, credit.status(), credit.body());
    long limited = api.newAccount();
    assertEquals(
        200, api.put("accounts/" + limited + "/spend-limit", "{\"limit\":\"0.5\"}").status());
    String model = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.01\"}");
    Scrape before = Scrape.of(base);

    List<List<Api.Reply>> replies =
        runTogether(
            40,
            client -> {
              List<Api.Reply> answers = new ArrayList<>();
              for (int i = 0; i < 2; i++) {
                long account = (client + i) % 4 == 0 ? limited : rich;
                answers.add(
                    api.post(
                        "authorizations",
                        "{\"accountId\":"
                            + account
                            + ",\"model\":\""
                            + model
                            + "\",\"durationMs\":15000}"));
              }
              return answers;
            });
    Scrape after = Scrape.of(base);

    Map<Long, List<Api.Reply>> byAccount = new HashMap<>();
    for (int client = 0; client < 40; client++) {
      for (int i = 0; i < 2; i++) {
        long account = (client + i) % 4 == 0 ? limited : rich;
        byAccount.computeIfAbsent(account, a -> new ArrayList<>()).add(replies.get(client).get(i));
      }
    }
    assertEquals(60, byAccount.get(rich).size());
    assertEquals(20, byAccount.get(limited).size());
    Set<Long> holdIds = new HashSet<>();
    int[] placed = new int[2];
    for (Map.Entry<Long, List<Api.Reply>> answers : byAccount.entrySet()) {
      boolean isRich = answers.getKey() == rich;
      for (Api.Reply reply : answers.getValue()) {
        if (reply.status() == 201) {
          placed[isRich ? 0 : 1]++;
          assertEquals("0.150000", reply.json().getString("amount"));
          assertEquals("OPEN", reply.json().getString("status"));
          assertTrue(holdIds.add(reply.json().getJsonNumber("id").longValue()), reply.body());
          continue;
        }
        assertEquals(402, reply.status(), reply.body());
        if (isRich) {
          assertEquals("out_of_credits", reply.error(), reply.body());
          assertEquals("5.000000", reply.json().getString("balance"));
          assertEquals("0.050000", reply.json().getString("available"));
          assertEquals("0.150000", reply.json().getString("required"));
        } else {
          assertEquals("spend_limit_reached", reply.error(), reply.body());
          assertEquals("account", reply.json().getString("scope"));
          assertEquals("0.500000", reply.json().getString("limit"));
          assertEquals("0.000000", reply.json().getString("spent"));
        }
      }
    }
    assertEquals(33, placed[0]);
    assertEquals(3, placed[1]);
    assertEquals(new BigDecimal("5.000000"), api.balance(rich));
    assertEquals(new BigDecimal("0.050000"), api.available(rich));
    assertEquals(new BigDecimal("1.000000"), api.balance(limited));
    assertEquals(new BigDecimal("0.550000"), api.available(limited));
    assertEquals(2, api.entryCount(rich));
    assertEquals(1, api.entryCount(limited));
    double holds =
        after.value("tally_hold_group_size_sum") - before.value("tally_hold_group_size_sum");
    double groups =
        after.value("tally_hold_group_size_count") - before.value("tally_hold_group_size_count");
    assertEquals(80, holds, after.names());
    assertTrue(groups < 80, groups + " groups for 80 holds: none was shared");
    JsonObject report = api.reconciliation();
    assertTrue(report.getBoolean("ok"), report.toString());
  }

  /**
   * A fault of the database while holds wait in a group: the account's row is locked by another
   * session, and the waiting statements are killed (MariaDB's "query interrupted"). Every caller
   * answers 503 with Retry-After, nothing is held, and the next hold is placed once the row is
   * free.
   */
  @Test
  void aFaultUnderGroupedAuthorizationsAnswersEachCaller503WithRetryAfter() throws Exception {
    long account = api.newAccount();
    String model = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.01\"}");
    String hold = "{\"accountId\":" + account + ",\"model\":\"" + model + "\",\"durationMs\":1000}";
    ExecutorService clients = Executors.newFixedThreadPool(12);
    List<Future<Api.Reply>> answers = new ArrayList<>();
    int killed = 0;
    try (Connection lock = ConnectionCount.connect();
        Connection killer = ConnectionCount.connect()) {
      lock.setAutoCommit(false);
      try (Statement statement = lock.createStatement()) {
        statement.executeQuery("SELECT id FROM account WHERE id = " + account + " FOR UPDATE");
      }
      for (int i = 0; i < 12; i++) {
        answers.add(clients.submit(() -> api.post("authorizations", hold)));
      }
      while (!answers.stream().allMatch(Future::isDone)) {
        killed +=
            Poll.until(
                () -> {
                  int stuck = killWaitingOn(killer);
                  return stuck > 0 || answers.stream().allMatch(Future::isDone) ? stuck : null;
                },
                Duration.ofSeconds(60),
                "a hold's statement waiting on the locked row");
      }
      lock.rollback();
    } finally {
      clients.shutdownNow();
    }

    assertTrue(killed >= 1, "no statement was killed");
    for (Future<Api.Reply> answer : answers) {
      Api.Reply reply = answer.get();
      assertEquals(503, reply.status(), reply.body());
      assertEquals("service_unavailable", reply.error());
      String retryAfter = reply.header("Retry-After");
      assertTrue(retryAfter != null && retryAfter.matches("[1-9][0-9]*"), "Retry-After");
    }
    assertEquals(new BigDecimal("1.000000"), api.available(account));
    Api.Reply after = api.post("authorizations", hold);
    assertEquals(201, after.status(), after.body());
    assertEquals(new BigDecimal("0.990000"), api.available(account));
    JsonObject report = api.reconciliation();
    assertTrue(report.getBoolean("ok"), report.toString());
  }

  /** Kills the statements of Tally's connections that wait on a row lock; answers how many. */
  private static int killWaitingOn(Connection killer) {
    try {
      return killWaiting(killer);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int killWaiting(Connection killer) throws Exception {
    List<Long> waiting = new ArrayList<>();
    try (Statement statement = killer.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = 'tally'"
                    + " AND ID <> CONNECTION_ID() AND COMMAND = 'Query'"
                    + " AND (INFO LIKE 'SELECT id, balance%FOR UPDATE'"
                    + " OR INFO LIKE 'UPDATE account SET held%')")) {
      while (row.next()) {
        waiting.add(row.getLong(1));
      }
    }
    for (long id : waiting) {
      try (Statement kill = killer.createStatement()) {
        kill.execute("KILL QUERY " + id);
      }
    }
    return waiting.size();
  }

  @Test
  void modelDefinedByTwelveClientsAtOnceIsCreatedOnceAndItsPriceChangesTakeTurns()
      throws Exception {
    String model = Api.unique("race");
    String body =
        "{\"family\":\"image\",\"name\":\"Race\",\"pricing\":{\"mode\":\"per_image\",\"pricePerImage\":\"0.01\"}}";

    List<Api.Reply> created = runTogether(12, client -> api.put("models/" + model, body));
    List<Api.Reply> repriced =
        runTogether(
            12,
            client ->
                api.put(
                    "models/" + model,
                    "{\"family\":\"image\",\"name\":\"Race\",\"pricing\":{\"mode\":\"per_image\",\"pricePerImage\":\"0.0"
                        + (client + 2)
                        + "\"}}"));

    assertEquals(1, created.stream().filter(reply -> reply.status() == 201).count());
    for (Api.Reply reply : created) {
      assertTrue(Set.of(200, 201, 409).contains(reply.status()), reply.body());
    }
    for (Api.Reply reply : repriced) {
      assertEquals(200, reply.status(), reply.body());
    }
    // Changes of one model take turns, so the newest version is the one in force.
    JsonObject now = api.get("models/" + model).json();
    assertEquals(13, now.getInt("priceVersion"));
  }

  @Test
  void overlappingBatchesFromFourClientsAtOnceChargeEachRequestIdOnceAndOnlyWhatIsPaid()
      throws Exception {
    // Three accounts with $1.00 each. An event costs $0.006, so each account pays for 166 of them
    // and keeps $0.004. Client c sends 250 events, requests 150c to 150c + 249 spread over the
    // accounts: neighbouring clients share 100 requests, and each batch ends with its first
    // event again. A batch is written 100 events per transaction.
    long[] accounts = {api.newAccount(), api.newAccount(), api.newAccount()};
    String model = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.001\"}");
    String run = Api.unique("overlap");

    List<JsonArray> answers =
        runTogether(
            4,
            client -> {
              StringBuilder events = new StringBuilder("{\"events\":[");
              for (int i = 0; i <= 250; i++) {
                int request = 150 * client + (i == 250 ? 0 : i);
                events
                    .append(i == 0 ? "" : ",")
                    .append("{\"requestId\":\"")
                    .append(run)
                    .append('-')
                    .append(request)
                    .append("\",\"accountId\":")
                    .append(accounts[request % 3])
                    .append(",\"model\":\"")
                    .append(model)
                    .append("\",\"durationMs\":6000}");
              }
              Api.Reply reply = api.post("usage/batch", events.append("]}").toString());
              assertEquals(200, reply.status(), reply.body());
              return reply.json().getJsonArray("results");
            });

    Map<String, Set<Long>> chargeIds = new HashMap<>();
    Map<Long, Set<String>> paidRequests = new HashMap<>();
    int created = 0;
    for (JsonArray results : answers) {
      assertEquals(251, results.size());
      for (JsonObject result : results.getValuesAs(JsonObject.class)) {
        int status = result.getInt("status");
        if (status == 402) {
          assertEquals("out_of_credits", result.getJsonObject("error").getString("error"));
          continue;
        }
        assertTrue(status == 201 || status == 200, result.toString());
        created += status == 201 ? 1 : 0;
        JsonObject charge = result.getJsonObject("charge");
        assertEquals("0.006000", charge.getString("amount"));
        assertTrue(!charge.getString("balance").startsWith("-"), charge.toString());
        chargeIds
            .computeIfAbsent(charge.getString("requestId"), id -> new HashSet<>())
            .add(charge.getJsonNumber("id").longValue());
        paidRequests
            .computeIfAbsent(charge.getJsonNumber("accountId").longValue(), id -> new HashSet<>())
            .add(charge.getString("requestId"));
      }
    }
    chargeIds.forEach((request, ids) -> assertEquals(1, ids.size(), request + " charged " + ids));
    assertEquals(3 * 166, created);
    for (long account : accounts) {
      assertEquals(166, paidRequests.get(account).size());
      assertEquals(new BigDecimal("0.004000"), api.balance(account));
    }
    JsonObject report = api.reconciliation();
    assertTrue(report.getBoolean("ok"), report.toString());
  }

  /**
   * Group commit: concurrent single calls share transactions. Every plain call passes through a
   * group (the histogram's sum counts each call once), far fewer groups than calls form, and each
   * account, its calls written in groups with other accounts' calls, pays exactly.
   */
  @Test
  void concurrentSingleCallsAreWrittenInSharedTransactionsAndEachAccountPaysExactly()
      throws Exception {
    long[] accounts = {api.newAccount(), api.newAccount(), api.newAccount(), api.newAccount()};
    String model = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.001\"}");
    String run = Api.unique("grouped");
    Scrape before = Scrape.of(base);

    List<List<Integer>> statuses =
        runTogether(
            32,
            client -> {
              List<Integer> answers = new ArrayList<>();
              for (int i = 0; i < 10; i++) {
                Api.Reply reply =
                    api.post(
                        "usage",
                        "{\"requestId\":\""
                            + run
                            + "-"
                            + client
                            + "-"
                            + i
                            + "\",\"accountId\":"
                            + accounts[client % 4]
                            + ",\"model\":\""
                            + model
                            + "\",\"durationMs\":3000}");
                assertEquals(201, reply.status(), reply.body());
                assertEquals("0.003000", reply.json().getString("amount"));
                answers.add(reply.status());
              }
              return answers;
            });
    Scrape after = Scrape.of(base);

    assertEquals(320, statuses.stream().mapToInt(List::size).sum());
    // 80 calls of $0.003 on each account's $1.00.
    for (long account : accounts) {
      assertEquals(new BigDecimal("0.760000"), api.balance(account));
      assertEquals(81, api.entryCount(account));
    }
    double calls =
        after.value("tally_charge_group_size_sum") - before.value("tally_charge_group_size_sum");
    double groups =
        after.value("tally_charge_group_size_count")
            - before.value("tally_charge_group_size_count");
    assertEquals(320, calls, after.names());
    assertTrue(groups < 320, groups + " groups for 320 calls: none was shared");
    JsonObject report = api.reconciliation();
    assertTrue(report.getBoolean("ok"), report.toString());
  }

  /**
   * Calls of every kind at once on one account, each answered on its own: plain charges (201), one
   * the account cannot pay (402 with its details), a replay (200, the first charge), a replay with
   * another body (422) and a charge settling a hold (201, the hold released).
   */
  @Test
  void mixedCallsOnOneAccountAtOnceEachGetTheirOwnAnswer() throws Exception {
    long account = api.newAccount();
    String model = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.01\"}");
    String run = Api.unique("mixed");
    String first = usage(run + "-first", account, model, 30_000, "");
    Api.Reply charged = api.post("usage", first);
    assertEquals(201, charged.status(), charged.body());
    long firstId = charged.json().getJsonNumber("id").longValue();
    Api.Reply hold =
        api.post(
            "authorizations",
            "{\"accountId\":" + account + ",\"model\":\"" + model + "\",\"durationMs\":10000}");
    assertEquals(201, hold.status(), hold.body());
    String settles = ",\"authorizationId\":" + hold.json().getJsonNumber("id");

    // $1.00 - $0.30 = $0.70, of which $0.10 held: twelve $0.01 calls and the settlement fit.
    List<Api.Reply> replies =
        runTogether(
            16,
            client ->
                switch (client) {
                  case 0 ->
                      api.post("usage", usage(run + "-settles", account, model, 10_000, settles));
                  case 1 -> api.post("usage", first);
                  case 2 -> api.post("usage", usage(run + "-first", account, model, 31_000, ""));
                  case 3 -> api.post("usage", usage(run + "-dear", account, model, 500_000, ""));
                  default ->
                      api.post("usage", usage(run + "-" + client, account, model, 1_000, ""));
                });

    Api.Reply settled = replies.get(0);
    assertEquals(201, settled.status(), settled.body());
    assertEquals("0.100000", settled.json().getString("amount"));
    Api.Reply replay = replies.get(1);
    assertEquals(200, replay.status(), replay.body());
    assertEquals(firstId, replay.json().getJsonNumber("id").longValue());
    assertEquals("0.300000", replay.json().getString("amount"));
    assertEquals("0.700000", replay.json().getString("balance"));
    Api.Reply otherBody = replies.get(2);
    assertEquals(422, otherBody.status(), otherBody.body());
    assertEquals("idempotency_key_reused", otherBody.error());
    Api.Reply dear = replies.get(3);
    assertEquals(402, dear.status(), dear.body());
    assertEquals("out_of_credits", dear.error());
    assertEquals("5.000000", dear.json().getString("required"));
    BigDecimal metBalance = new BigDecimal(dear.json().getString("balance"));
    assertTrue(
        metBalance.compareTo(new BigDecimal("0.48")) >= 0
            && metBalance.compareTo(new BigDecimal("0.70")) <= 0,
        dear.body());
    for (Api.Reply plain : replies.subList(4, 16)) {
      assertEquals(201, plain.status(), plain.body());
      assertEquals("0.010000", plain.json().getString("amount"));
    }
    // $0.70 - $0.10 settled - 12 x $0.01, nothing held any more.
    assertEquals(new BigDecimal("0.480000"), api.balance(account));
    assertEquals(new BigDecimal("0.480000"), api.available(account));
    assertEquals(1 + 1 + 1 + 12, api.entryCount(account));
    JsonObject report = api.reconciliation();
    assertTrue(report.getBoolean("ok"), report.toString());
  }

  /**
   * Group commit with settlements and key spends: one burst on one account of plain charges,
   * charges settling six open holds, two charges naming a seventh hold at once, and twelve calls
   * posted with an account key whose monthly limit covers five of them. Every call of the burst
   * passes through a group (the histogram's sum counts each call once, and fewer groups than calls
   * formed); the hold named twice is settled once (held ends at zero, not below), the key stops at
   * exactly five calls with its details, and the money is exact to the micro-dollar.
   */
  @Test
  void settlementsAndKeySpendsJoinGroupsWithPlainChargesAndKeepEveryRule() throws Exception {
    long account = api.newAccount();
    Api.Reply credit =
        api.post(
            "accounts/" + account + "/adjustments",
            "{\"amount\":\"10\",\"reason\":\"group settlements\"}",
            "Idempotency-Key",
            Api.unique("credit"));
    assertEquals(201, credit.status(), credit.body());
    String model = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.01\"}");
    List<Long> holds = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      Api.Reply hold =
          api.post(
              "authorizations",
              "{\"accountId\":" + account + ",\"model\":\"" + model + "\",\"durationMs\":10000}");
      assertEquals(201, hold.status(), hold.body());
      holds.add(hold.json().getJsonNumber("id").longValue());
    }
    assertEquals(new BigDecimal("10.300000"), api.available(account));
    Api.Reply issued = api.post("accounts/" + account + "/api-keys", "");
    assertEquals(201, issued.status(), issued.body());
    long keyId = issued.json().getJsonNumber("id").longValue();
    Api customer = api.as(issued.json().getString("key"));
    String keyLimit = "accounts/" + account + "/api-keys/" + keyId + "/spend-limit";
    Api.Reply limited = customer.put(keyLimit, "{\"limit\":\"0.1\"}");
    assertEquals(200, limited.status(), limited.body());
    String run = Api.unique("settle-group");
    Scrape before = Scrape.of(base);

    // 0-5 settle a hold each, 6 and 7 name the seventh hold, 8-19 are posted with the key ($0.02
    // each: its $0.10 covers five), 20-31 are plain calls of $0.01 with the service key.
    List<Api.Reply> replies =
        runTogether(
            32,
            client -> {
              String request = run + "-" + client;
              if (client < 8) {
                String settles = ",\"authorizationId\":" + holds.get(Math.min(client, 6));
                return api.post("usage", usage(request, account, model, 8_000, settles));
              }
              if (client < 20) {
                return customer.post("usage", usage(request, account, model, 2_000, ""));
              }
              return api.post("usage", usage(request, account, model, 1_000, ""));
            });
    Scrape after = Scrape.of(base);

    for (Api.Reply settled : replies.subList(0, 8)) {
      assertEquals(201, settled.status(), settled.body());
      assertEquals("0.080000", settled.json().getString("amount"));
    }
    List<Api.Reply> keyCalls = replies.subList(8, 20);
    assertEquals(5, keyCalls.stream().filter(reply -> reply.status() == 201).count());
    for (Api.Reply call : keyCalls) {
      if (call.status() == 201) {
        assertEquals("0.020000", call.json().getString("amount"));
        continue;
      }
      assertEquals(402, call.status(), call.body());
      assertEquals("spend_limit_reached", call.error());
      assertEquals("key", call.json().getString("scope"));
      assertEquals("0.100000", call.json().getString("limit"));
      assertEquals("0.100000", call.json().getString("spent"));
    }
    for (Api.Reply plain : replies.subList(20, 32)) {
      assertEquals(201, plain.status(), plain.body());
      assertEquals("0.010000", plain.json().getString("amount"));
    }
    // $11.00 - 8 x $0.08 - 5 x $0.02 - 12 x $0.01, and every hold released exactly once.
    assertEquals(new BigDecimal("10.140000"), api.balance(account));
    assertEquals(new BigDecimal("10.140000"), api.available(account));
    assertEquals("0.100000", customer.get(keyLimit).json().getString("spent"));
    assertEquals(2 + 8 + 5 + 12, api.entryCount(account));
    double calls =
        after.value("tally_charge_group_size_sum") - before.value("tally_charge_group_size_sum");
    double groups =
        after.value("tally_charge_group_size_count")
            - before.value("tally_charge_group_size_count");
    assertEquals(32, calls, after.names());
    assertTrue(groups < 32, groups + " groups for 32 calls: none was shared");
    JsonObject report = api.reconciliation();
    assertTrue(report.getBoolean("ok"), report.toString());
  }

  private static String usage(
      String requestId, long account, String model, long durationMs, String more) {
    return "{\"requestId\":\""
        + requestId
        + "\",\"accountId\":"
        + account
        + ",\"model\":\""
        + model
        + "\",\"durationMs\":"
        + durationMs
        + more
        + "}";
  }

  /** A client's work, numbered from 0. */
  interface ClientWork<T> {
    T run(int client) throws Exception;
  }

  /** Starts {@code clients} threads at the same moment and collects what each returned. */
  private static <T> List<T> runTogether(int clients, ClientWork<T> work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int client = 0; client < clients; client++) {
        int number = client;
        Callable<T> task =
            () -> {
              start.await();
              return work.run(number);
            };
        futures.add(pool.submit(task));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(5, TimeUnit.MINUTES));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
