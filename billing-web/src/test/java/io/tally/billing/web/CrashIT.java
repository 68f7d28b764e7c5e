package io.tally.billing.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.billing.web.UsageLoad.Sent;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.net.HttpURLConnection;
import java.net.URL;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Crashes under load, on real processes: this class starts its own MariaDB and Payara Micro (not
 * Arquillian, since it kills them), drives {@code POST /usage} from concurrent clients, and kills
 * the application server or the database with SIGKILL mid-load. Afterwards every acknowledged
 * charge is there exactly once, every request left unanswered is charged exactly once when retried
 * with its requestId, and the balances agree with the ledger to the micro-dollar. While the
 * database is down every answer is a prompt 503 with Retry-After, and the server recovers without a
 * restart.
 */
class CrashIT {

  static final String ADMIN_EMAIL = "admin@crash.test";
  static final String ADMIN_PASSWORD = "crash-admin-password-1f2e3d";
  static final int HOLD_TTL_SECONDS = 2;

  private static final int CLIENTS = 16;
  private static final BigDecimal CREDIT = new BigDecimal("1000.00");
  private static final BigDecimal OPENING = new BigDecimal("1001.000000"); // $1 grant + credit

  /** The server's bounds (CrashStack) plus room for a loaded 2-core machine. */
  private static final long ANSWER_BOUND_MS =
      CrashStack.POOL_MAX_WAIT_MS
          + CrashStack.CONNECT_TIMEOUT_MS
          + CrashStack.SOCKET_TIMEOUT_MS
          + 15_000;

  private static final CrashStack STACK = new CrashStack();
  private static Api api;
  private static String model;

  @BeforeAll
  static void start() throws Exception {
    STACK.startFreshDatabase();
    STACK.startServer();
    api = Api.admin(STACK.base());
    model = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.001\"}");
  }

  @AfterAll
  static void stop() {
    STACK.close();
  }

  private static Api.Reply health(String path) throws Exception {
    return api.as(null).get(STACK.base().toURI().resolve(path).toString());
  }

  @Test
  void killedServerLosesNoAcknowledgedChargeAndChargesRetriesOnce() throws Exception {
    List<Long> accounts = openAccounts();
    UsageLoad load = new UsageLoad(STACK.base(), model, accounts, "crash-server");
    load.start(CLIENTS);
    try {
      Poll.until(
          () -> load.charged() >= 150, Duration.ofSeconds(240), "150 charges before the kill");
      STACK.killServer();
    } finally {
      load.stop();
      STACK.ensureServer();
    }

    Settled settled = settle(load.sent(), accounts);
    System.out.printf(
        "CrashIT kill -9 of the server: sent %d, acknowledged %d, unanswered %d, present %d of"
            + " the acknowledged, unanswered but committed %d, charged once after retry %d%n",
        settled.sent,
        settled.acknowledged,
        settled.unanswered,
        settled.presentAcknowledged,
        settled.committedUnanswered,
        settled.chargedOnce);
    assertTrue(settled.unanswered + settled.acknowledged == settled.sent);
  }

  @Test
  void killedDatabaseAnswers503ThenRecoversWithoutARestart() throws Exception {
    List<Long> accounts = openAccounts();
    long probe = api.newAccount();
    Pages admin = Pages.signIn(STACK.base(), ADMIN_EMAIL, ADMIN_PASSWORD);
    UsageLoad load = new UsageLoad(STACK.base(), model, accounts, "crash-db");
    load.start(CLIENTS);
    Poll.until(() -> load.charged() >= 150, Duration.ofSeconds(240), "150 charges before the kill");

    long healthMs;
    try {
      STACK.killDatabase();
      Poll.until(
          () -> load.count(503) >= 20, Duration.ofSeconds(120), "503s while MariaDB is down");
      long started = System.nanoTime();
      assertEquals(503, STACK.health(), "health while MariaDB is down");
      healthMs = (System.nanoTime() - started) / 1_000_000;
      assertTrue(healthMs < ANSWER_BOUND_MS, "health took " + healthMs + " ms");
      Api.Reply ready = health("/health/ready");
      assertEquals(503, ready.status(), ready.body());
      assertTrue(
          ready.json().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
              .anyMatch(
                  c ->
                      c.getString("name").equals("database")
                          && c.getString("status").equals("DOWN")),
          ready.body());
      assertEquals(200, health("/health/live").status(), "liveness while MariaDB is down");
      OutageProbes.assertEveryPathAnswers503(api, probe, model, ANSWER_BOUND_MS);
      admin.assertUnavailable("admin/account.xhtml?id=" + probe);
      Pages.assertUnavailable(Pages.attemptSignIn(STACK.base(), ADMIN_EMAIL, ADMIN_PASSWORD));
    } finally {
      STACK.ensureDatabase();
    }
    try {
      Poll.until(() -> STACK.health() == 200, Duration.ofSeconds(180), "health UP again");
      assertEquals(200, health("/health/ready").status(), "readiness UP again by itself");
      Pages.signIn(STACK.base(), ADMIN_EMAIL, ADMIN_PASSWORD);
      long chargedBefore = load.charged();
      Poll.until(
          () -> load.charged() >= chargedBefore + 100,
          Duration.ofSeconds(180),
          "charges again after MariaDB is back, without a server restart");
    } finally {
      load.stop();
    }

    List<Sent> sent = load.sent();
    List<Sent> wrong = sent.stream().filter(s -> !s.charged() && s.status() != 503).toList();
    assertEquals(List.of(), wrong, "answers other than a charge or 503 (never 500, never none)");
    for (Sent refused : sent.stream().filter(s -> s.status() == 503).toList()) {
      assertTrue(
          refused.retryAfter() != null && refused.retryAfter().matches("[1-9][0-9]*"),
          "Retry-After of " + refused);
      assertTrue(refused.body().contains("\"service_unavailable\""), refused.body());
    }
    long slowest = sent.stream().mapToLong(Sent::millis).max().orElse(0);
    assertTrue(slowest <= ANSWER_BOUND_MS, "slowest answer " + slowest + " ms");
    Settled settled = settle(sent, accounts);
    System.out.printf(
        "CrashIT kill -9 of MariaDB: sent %d, acknowledged %d, 503 %d (slowest answer %d ms,"
            + " health DOWN in %d ms), present %d of the acknowledged, 503 but committed %d,"
            + " charged once after retry %d%n",
        settled.sent,
        settled.acknowledged,
        load.count(503),
        slowest,
        healthMs,
        settled.presentAcknowledged,
        settled.committedUnanswered,
        settled.chargedOnce);
    assertHoldsStillExpire(probe);
  }

  @Test
  void aHeldRowLockAndAnExhaustedPoolAnswer503WithRetryAfterThenRecover() throws Exception {
    long locked = api.newAccount();
    long other = api.newAccount();
    int stuckCount = 2 * CrashStack.POOL_MAX_SIZE;
    long lockMs;
    Timed refused;
    List<Api.Reply> stuck = new ArrayList<>();
    ExecutorService clients = Executors.newFixedThreadPool(stuckCount);
    try (Connection lock = STACK.sql()) {
      lock.setAutoCommit(false);
      try (PreparedStatement select =
          lock.prepareStatement("SELECT id FROM account WHERE id = ? FOR UPDATE")) {
        select.setLong(1, locked);
        select.executeQuery().close();
      }

      long start = System.nanoTime();
      Api.Reply waited = api.post("usage", usage(locked, "lock-0"));
      lockMs = (System.nanoTime() - start) / 1_000_000;
      assertUnavailable(waited, "a usage call waiting on the row lock");
      assertTrue(lockMs >= CrashStack.LOCK_WAIT_SECONDS * 1000L, "answered in " + lockMs + " ms");
      assertTrue(lockMs <= ANSWER_BOUND_MS, "answered in " + lockMs + " ms");

      // Callers keep sending calls for the locked account, each again as soon as it is answered,
      // so calls stuck on the lock hold every connection and more wait for one, all along.
      AtomicBoolean done = new AtomicBoolean();
      List<Future<List<Api.Reply>>> callers = new ArrayList<>();
      for (int i = 1; i <= stuckCount; i++) {
        String caller = "lock-" + i + "-";
        callers.add(
            clients.submit(
                () -> {
                  List<Api.Reply> answers = new ArrayList<>();
                  for (int n = 0; !done.get(); n++) {
                    answers.add(api.post("usage", usage(locked, caller + n)));
                  }
                  return answers;
                }));
      }
      // A read needs no lock, only a connection: refused, it was refused for want of one.
      try {
        refused =
            Poll.until(
                () -> {
                  long sent = System.nanoTime();
                  Api.Reply read = api.get("accounts/" + other + "/transactions");
                  if (read.status() != 503) {
                    assertEquals(200, read.status(), read.body());
                    return null;
                  }
                  return new Timed(read, (System.nanoTime() - sent) / 1_000_000);
                },
                Duration.ofSeconds(90),
                "a read refused while calls stuck on the lock hold every connection");
      } finally {
        done.set(true);
      }
      for (Future<List<Api.Reply>> caller : callers) {
        stuck.addAll(caller.get(120, TimeUnit.SECONDS));
      }
    } finally {
      clients.shutdownNow();
    }
    assertUnavailable(refused.reply(), "a read with the pool exhausted");
    assertTrue(refused.ms() >= CrashStack.POOL_MAX_WAIT_MS - 250, "refused in " + refused.ms());
    assertTrue(refused.ms() <= ANSWER_BOUND_MS, "refused in " + refused.ms() + " ms");
    for (Api.Reply reply : stuck) {
      assertUnavailable(reply, "a usage call stuck on the lock");
    }

    Api.Reply released = api.post("usage", usage(locked, "lock-0"));
    assertEquals(201, released.status(), "once the lock is released: " + released.body());
    assertEquals(new BigDecimal("0.999000"), api.balance(locked));
    assertTrue(api.reconciliation().getBoolean("ok"), api.reconciliation().toString());
    System.out.printf(
        "CrashIT row lock and pool: a call on the locked account answered 503 in %d ms; %d calls"
            + " sent while it was locked (pool of %d) all 503, none 500; a read refused for want"
            + " of a connection in %d ms; 201 once the lock was released%n",
        lockMs, stuck.size(), CrashStack.POOL_MAX_SIZE, refused.ms());
  }

  @Test
  void theSessionCookieIsSecureOverTlsOnlyAndAlwaysHttpOnlyAndLax() throws Exception {
    String overTls = sessionCookie(new URL("https://127.0.0.1:" + CrashStack.HTTPS_PORT + "/"));
    String plain = sessionCookie(STACK.base());

    List<String> tls = attributes(overTls);
    assertTrue(tls.contains("secure"), overTls);
    assertTrue(tls.contains("httponly"), overTls);
    assertTrue(tls.contains("samesite=lax"), overTls);
    List<String> http = attributes(plain);
    assertFalse(http.contains("secure"), "Secure over plain HTTP: " + plain);
    assertTrue(http.contains("httponly"), plain);
    assertTrue(http.contains("samesite=lax"), plain);
    System.out.printf("CrashIT session cookie: over TLS %s; over HTTP %s%n", overTls, plain);
  }

  // ---------------------------------------------------------------- checks

  private record Timed(Api.Reply reply, long ms) {}

  private static String usage(long account, String requestId) {
    return "{\"requestId\":\""
        + requestId
        + "\",\"accountId\":"
        + account
        + ",\"model\":\""
        + model
        + "\",\"durationMs\":1000}";
  }

  private static void assertUnavailable(Api.Reply reply, String what) {
    assertEquals(503, reply.status(), what + ": " + reply.body());
    assertEquals("service_unavailable", reply.error(), what);
    String retryAfter = reply.header("Retry-After");
    assertTrue(retryAfter != null && retryAfter.matches("[1-9][0-9]*"), what + " Retry-After");
  }

  /**
   * The raw {@code Set-Cookie} of the session that the sign-in page starts, read over a connection
   * that trusts any certificate (Payara Micro's own is self-signed): this test's client only.
   */
  private static String sessionCookie(URL base) throws Exception {
    HttpURLConnection connection =
        (HttpURLConnection) new URL(base, "login.xhtml").openConnection();
    if (connection instanceof HttpsURLConnection https) {
      SSLContext trustAll = SSLContext.getInstance("TLS");
      trustAll.init(null, new TrustManager[] {new TrustAll()}, null);
      https.setSSLSocketFactory(trustAll.getSocketFactory());
      https.setHostnameVerifier((host, session) -> true);
    }
    try {
      assertEquals(200, connection.getResponseCode(), base.toString());
      return connection.getHeaderFields().getOrDefault("Set-Cookie", List.of()).stream()
          .filter(cookie -> cookie.startsWith("JSESSIONID="))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no session cookie from " + base));
    } finally {
      connection.disconnect();
    }
  }

  private static List<String> attributes(String setCookie) {
    return Arrays.stream(setCookie.split(";"))
        .skip(1)
        .map(attribute -> attribute.strip().toLowerCase(Locale.ROOT))
        .toList();
  }

  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  private record Settled(
      int sent,
      int acknowledged,
      int unanswered,
      int presentAcknowledged,
      int committedUnanswered,
      int chargedOnce) {}

  /**
   * Checks the acknowledged charges, retries every other request with its requestId, then checks
   * that each request is charged exactly once, for its price, and that the money adds up.
   */
  private static Settled settle(List<Sent> sent, List<Long> accounts) throws Exception {
    List<Sent> acknowledged = sent.stream().filter(Sent::charged).toList();
    List<Sent> unanswered = sent.stream().filter(s -> !s.charged()).toList();
    for (Sent ack : acknowledged) {
      assertEquals(ack.cost(), amountOf(ack.body()), "answer to " + ack.requestId());
    }
    String prefix = sent.get(0).requestId().replaceFirst("-[0-9]+-[0-9]+$", "-");
    Map<String, Integer> before = charges(prefix);
    int present =
        (int) acknowledged.stream().filter(a -> before.get(a.requestId()) != null).count();
    assertEquals(acknowledged.size(), present, "acknowledged charges present after the crash");
    int committed =
        (int) unanswered.stream().filter(u -> before.containsKey(u.requestId())).count();

    for (Sent retry : unanswered) {
      Api.Reply reply =
          Poll.until(
              () -> {
                Api.Reply r = api.post("usage", retry.json(model));
                return r.status() == 503 ? null : r;
              },
              Duration.ofSeconds(120),
              "retry of " + retry.requestId());
      assertTrue(reply.status() == 201 || reply.status() == 200, reply.status() + reply.body());
      assertEquals(retry.cost(), amountOf(reply.body()), "retry of " + retry.requestId());
    }

    Map<String, Integer> after = charges(prefix);
    Map<String, Integer> entries = entries(prefix);
    int once = 0;
    for (Sent request : sent) {
      assertEquals(1, after.getOrDefault(request.requestId(), 0), request.requestId());
      assertEquals(1, entries.getOrDefault(request.requestId(), 0), request.requestId());
      once++;
    }
    assertEquals(sent.size(), after.size(), "charges of requests never sent");
    Map<Long, BigDecimal> spent =
        sent.stream()
            .collect(
                Collectors.groupingBy(
                    Sent::accountId,
                    Collectors.reducing(BigDecimal.ZERO, Sent::cost, BigDecimal::add)));
    for (long account : accounts) {
      BigDecimal expected = OPENING.subtract(spent.getOrDefault(account, BigDecimal.ZERO));
      assertEquals(expected, api.balance(account), "balance of account " + account);
    }
    assertTrue(api.reconciliation().getBoolean("ok"), api.reconciliation().toString());
    return new Settled(
        sent.size(), acknowledged.size(), unanswered.size(), present, committed, once);
  }

  /** A hold placed after the outage is released by the expiry timer, which survived it. */
  private static void assertHoldsStillExpire(long account) {
    BigDecimal balance = api.balance(account);
    Api.Reply hold =
        api.post(
            "authorizations",
            "{\"accountId\":" + account + ",\"model\":\"" + model + "\",\"durationMs\":1000}");
    assertEquals(201, hold.status(), hold.body());
    Poll.until(
        () -> api.available(account).compareTo(balance) == 0,
        Duration.ofSeconds(60),
        "the hold-expiry timer releases a hold after the outage");
  }

  /** Charge rows per requestId starting with {@code prefix}. */
  private static Map<String, Integer> charges(String prefix) throws Exception {
    return countBy(
        "SELECT request_id, COUNT(*) FROM charge WHERE request_id LIKE ? GROUP BY request_id",
        prefix + "%");
  }

  /** Ledger entries per requestId (a charge's entry is keyed {@code usage:<requestId>}). */
  private static Map<String, Integer> entries(String prefix) throws Exception {
    return countBy(
        "SELECT SUBSTRING(idempotency_key, 7), COUNT(*) FROM ledger_entry"
            + " WHERE idempotency_key LIKE ? GROUP BY idempotency_key",
        "usage:" + prefix + "%");
  }

  private static Map<String, Integer> countBy(String sql, String pattern) throws Exception {
    Map<String, Integer> counts = new HashMap<>();
    try (Connection connection = STACK.sql();
        PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, pattern);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          counts.put(rows.getString(1), rows.getInt(2));
        }
      }
    }
    return counts;
  }

  private static List<Long> openAccounts() {
    List<Long> accounts = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      long account = api.newAccount();
      Api.Reply credit =
          api.post(
              "accounts/" + account + "/adjustments",
              "{\"amount\":\"" + CREDIT + "\",\"reason\":\"crash test\"}",
              "Idempotency-Key",
              Api.unique("credit"));
      assertEquals(201, credit.status(), credit.body());
      accounts.add(account);
    }
    return accounts;
  }

  private static BigDecimal amountOf(String chargeJson) {
    return new BigDecimal(
        jakarta.json.Json.createReader(new java.io.StringReader(chargeJson))
            .readObject()
            .getString("amount"));
  }
}
