package io.tally.billing.ear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What an admin checks after deploying tally.ear on a full server, over HTTP: an account, a priced
 * and charged call, a 402 that stays a 402 (BillingException is an application exception in the EAR
 * too), a workflow, a hold released by the expiry timer, a sign-in on the pages, and the ledger
 * reconciled after each. One server start for the whole class; its own database in the build's
 * MariaDB, so it sees nothing of the Payara Micro tests' data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SmokeSuite {

  static final String ADMIN_KEY = "ear-admin-key-5f1d3c0b9a8e7d6c5b4a39281706f5e4";
  static final String ADMIN_EMAIL = "admin@tally.test";
  static final String ADMIN_PASSWORD = "ear-admin-password-7c4e2a9b";
  private static final Duration STARTUP = Duration.ofMinutes(8);
  static final Pattern VIEW_STATE =
      Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");

  /** Tally's checks, each listed once on every server (beside the server's own, on WildFly). */
  private static final List<String> READINESS =
      List.of("database", "migrations", "pricing-plugins");

  private static final Duration OUTAGE_SEEN = Duration.ofSeconds(60);
  private static final Duration RECOVERED = Duration.ofSeconds(120);

  private FullServer server;
  private URI base;
  private Http api;
  private TcpRelay database;

  /** The server under test, given the environment its process starts with. */
  abstract FullServer server(Map<String, String> environment);

  /** The database this server's Tally uses (created empty here; Flyway makes the schema). */
  abstract String database();

  /** Where the server answers MicroProfile Health ({@code health/ready} below it). */
  abstract URI health();

  @BeforeAll
  void startServer() throws Exception {
    String url = "jdbc:mariadb://127.0.0.1:" + System.getProperty("it.db.port") + "/";
    try (Connection root = DriverManager.getConnection(url, "root", "");
        Statement sql = root.createStatement()) {
      sql.execute("DROP DATABASE IF EXISTS " + database());
      sql.execute("CREATE DATABASE " + database());
    }
    // The server reaches the build's MariaDB through a relay of its own, which a test can cut.
    database =
        new TcpRelay(
            Integer.getInteger("it.smoke.db.relay.port"), Integer.getInteger("it.db.port"));
    database.open();
    // Tally's configuration reaches the server as environment variables (MicroProfile Config), and
    // so do the data source's address and credentials (the scripts' expressions). The build's
    // MariaDB skips grant tables; WildFly refuses an empty password. A hold lasts 10 s.
    Map<String, String> environment = new HashMap<>();
    environment.put(
        "TALLY_DB_URL", "jdbc:mariadb://127.0.0.1:" + database.port() + "/" + database());
    environment.put("TALLY_DB_USER", "root");
    environment.put("TALLY_DB_PASSWORD", "tally");
    environment.put("TALLY_ADMIN_KEY", ADMIN_KEY);
    environment.put("TALLY_ADMIN_EMAIL", ADMIN_EMAIL);
    environment.put("TALLY_ADMIN_PASSWORD", ADMIN_PASSWORD);
    environment.put("TALLY_HOLDS_TTL_SECONDS", "10");
    environment.put("TALLY_JOBS_HOLD_EXPIRY_INTERVAL_SECONDS", "1");
    server = server(environment);
    Instant started = Instant.now();
    base = server.start();
    api = new Http(base, ADMIN_KEY);
    awaitReady(started);
    System.out.printf(
        "%s started with tally.ear and answering in %d s%n",
        server.name(), Duration.between(started, Instant.now()).toSeconds());
  }

  @AfterAll
  void stopServer() throws Exception {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      if (database != null) {
        database.close();
      }
    }
  }

  @AfterEach
  void ledgerReconciles() {
    Http.Reply report = api.get("reconciliation");
    assertEquals(200, report.status(), report.body());
    assertTrue(report.json().getBoolean("ok"), report.body());
  }

  @Test
  void opensAnAccountWithTheFreeDollar() {
    Http.Reply account = api.post("accounts", newAccountBody());

    assertEquals(201, account.status(), account.body());
    assertEquals("1.000000", account.text("balance"));
    assertEquals("PREPAID", account.text("billingMode"));
  }

  @Test
  void pricesAndChargesACallOnceForItsRequestId() {
    long account = newAccount();
    String model = newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.01\"}");
    String requestId = unique("req");

    Http.Reply quote = api.post("quotes", "{\"model\":\"" + model + "\",\"durationMs\":30000}");
    Http.Reply charge = api.post("usage", usage(requestId, account, model, 30_000));
    Http.Reply replay = api.post("usage", usage(requestId, account, model, 30_000));

    assertEquals(200, quote.status(), quote.body());
    assertEquals("0.300000", quote.text("amount"));
    assertEquals(201, charge.status(), charge.body());
    assertEquals("0.300000", charge.text("amount"));
    assertEquals("0.700000", charge.text("balance"));
    assertEquals(200, replay.status(), replay.body());
    assertEquals(charge.json().getJsonNumber("id"), replay.json().getJsonNumber("id"));
    assertEquals(new BigDecimal("0.700000"), balance(account));
  }

  @Test
  void refusesAChargePastTheBalanceWith402AndChargesNothing() {
    long account = newAccount();
    String model = newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.01\"}");
    assertEquals(201, api.post("usage", usage(unique("req"), account, model, 60_000)).status());

    Http.Reply refused = api.post("usage", usage(unique("req"), account, model, 60_000));

    // A BillingException thrown inside the EJB reaches the API as itself: 402, not an
    // EJBException's 500.
    assertEquals(402, refused.status(), refused.body());
    assertEquals("out_of_credits", refused.text("error"));
    assertEquals("0.400000", refused.text("balance"));
    assertEquals("0.600000", refused.text("required"));
    assertEquals(new BigDecimal("0.400000"), balance(account));
  }

  @Test
  void chargesAWorkflowTheSumOfItsPartsOneLineEach() {
    long account = newAccount();
    Http.Reply credit =
        api.post(
            "accounts/" + account + "/adjustments",
            "{\"amount\":\"10\",\"reason\":\"smoke funds\"}",
            "Idempotency-Key",
            unique("fund"));
    assertEquals(201, credit.status(), credit.body());
    String image = newModel("image", "{\"mode\":\"per_image\",\"pricePerImage\":\"0.025\"}");
    String video =
        newModel(
            "video", "{\"mode\":\"per_output_second\",\"ratesByResolution\":{\"720p\":\"0.28\"}}");
    String upscaler =
        newModel("upscaler", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.000725\"}");
    String parts =
        "[{\"model\":\""
            + image
            + "\",\"parameters\":{\"width\":1024,\"height\":768}},{\"model\":\""
            + video
            + "\",\"parameters\":{\"seconds\":4,\"resolution\":\"720p\"}},{\"model\":\""
            + upscaler
            + "\",\"durationMs\":8100}]";

    Http.Reply charge =
        api.post(
            "usage",
            "{\"requestId\":\""
                + unique("wf")
                + "\",\"accountId\":"
                + account
                + ",\"workflow\":\"storyboard\",\"parts\":"
                + parts
                + "}");

    assertEquals(201, charge.status(), charge.body());
    var lines = charge.json().getJsonArray("lineItems");
    assertEquals(3, lines.size());
    assertEquals("0.025000", lines.getJsonObject(0).getString("amount"));
    assertEquals("1.120000", lines.getJsonObject(1).getString("amount"));
    assertEquals("0.005873", lines.getJsonObject(2).getString("amount"));
    assertEquals("1.150873", charge.text("amount"));
    assertEquals(new BigDecimal("9.849127"), balance(account));
  }

  @Test
  void releasesAnExpiredHoldByTheTimer() {
    long account = newAccount();
    String model = newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.01\"}");

    Http.Reply hold =
        api.post(
            "authorizations",
            "{\"accountId\":" + account + ",\"model\":\"" + model + "\",\"durationMs\":30000}");

    assertEquals(201, hold.status(), hold.body());
    assertEquals("0.300000", hold.text("amount"));
    assertEquals(new BigDecimal("0.700000"), available(account));
    // The hold lasts 10 s (TALLY_HOLDS_TTL_SECONDS); the expiry timer runs every second. Nothing
    // else frees the money, so a return to the whole dollar is the timer's work.
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    BigDecimal available = available(account);
    while (available.compareTo(BigDecimal.ONE) != 0 && Instant.now().isBefore(deadline)) {
      pause();
      available = available(account);
    }
    assertEquals(new BigDecimal("1.000000"), available);
    assertEquals(new BigDecimal("1.000000"), balance(account));
  }

  @Test
  void theAdminSignsInOnThePages() {
    Http browser = new Http(base, "none");
    Http.Reply form = browser.page("login.xhtml");
    assertEquals(200, form.status(), form.body());
    Matcher viewState = VIEW_STATE.matcher(form.body());
    assertTrue(viewState.find(), "no ViewState on the sign-in page");

    Http.Reply signedIn = browser.form("login.xhtml", signIn(viewState.group(1)));
    Http.Reply accounts = browser.page("admin/accounts.xhtml");

    assertTrue(
        signedIn.location().contains("/admin/"),
        "sign-in answered " + signedIn.status() + " " + signedIn.location());
    assertEquals(200, accounts.status(), accounts.body());
  }

  // ------------------------------------------------------------------ helpers

  static Map<String, String> signIn(String viewState) {
    return Map.of(
        "signin",
        "signin",
        "signin:email",
        ADMIN_EMAIL,
        "signin:password",
        ADMIN_PASSWORD,
        "signin:submit",
        "",
        "jakarta.faces.ViewState",
        viewState);
  }

  private void awaitReady(Instant started) {
    Instant deadline = started.plus(STARTUP);
    while (true) {
      try {
        if (api.page("login.xhtml").status() == 200) {
          return;
        }
      } catch (UncheckedIOException notListening) {
        // the server is still starting
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(server.name() + " did not answer within " + STARTUP);
      }
      pause();
    }
  }

  static void pause() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  URI base() {
    return base;
  }

  Http api() {
    return api;
  }

  /** The server's one way to the database; cut it for an outage of this server alone. */
  TcpRelay relay() {
    return database;
  }

  String serverName() {
    return server.name();
  }

  private long newAccount() {
    Http.Reply account = api.post("accounts", newAccountBody());
    assertEquals(201, account.status(), account.body());
    return account.json().getJsonNumber("id").longValue();
  }

  private static String newAccountBody() {
    return "{\"email\":\"" + unique("user") + "@example.com\",\"name\":\"Smoke\"}";
  }

  private String newModel(String family, String pricing) {
    String id = unique(family);
    Http.Reply model =
        api.put(
            "models/" + id,
            "{\"family\":\"" + family + "\",\"name\":\"" + id + "\",\"pricing\":" + pricing + "}");
    assertEquals(201, model.status(), model.body());
    return id;
  }

  private static String usage(String requestId, long account, String model, long durationMs) {
    return "{\"requestId\":\""
        + requestId
        + "\",\"accountId\":"
        + account
        + ",\"model\":\""
        + model
        + "\",\"durationMs\":"
        + durationMs
        + "}";
  }

  private BigDecimal balance(long account) {
    return new BigDecimal(api.get("accounts/" + account).text("balance"));
  }

  private BigDecimal available(long account) {
    return new BigDecimal(api.get("accounts/" + account).text("available"));
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
  }
}
