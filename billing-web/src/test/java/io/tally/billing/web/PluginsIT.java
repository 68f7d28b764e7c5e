package io.tally.billing.web;

import static io.tally.billing.web.PluginJars.STATES_ITS_SPI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.billing.web.PluginJars.Spi;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The plugin directory of a running server: jars compiled now are put in, replaced and removed
 * while it serves; reload answers at once, the poll on its own. Each test has its own families and
 * jar names, since the server is shared.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PluginsIT {

  private static final String RATE = "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.0001\"}";

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

  @AfterEach
  void ledgerReconciles() {
    JsonObject report = api.reconciliation();
    assertTrue(report.getBoolean("ok"), report.toString());
  }

  @AfterAll
  static void emptyTheDirectory() {
    PluginJars.removeAll();
  }

  @Test
  void aPluginBuiltForSpi20LoadsAndPricesOnThisServer() {
    String family = family("old");
    byte[] jar = PluginJars.plugin(Spi.V2_0, family, "1.0", "1", family, STATES_ITS_SPI);
    PluginJars.put(family + ".jar", jar);

    reload();

    // The answer's changes may be empty: the poll can have loaded the jar first.
    JsonObject row = row(family + ".jar");
    assertEquals(family, row.getString("id"));
    assertEquals("2.0", row.getString("spiVersion"));
    assertEquals("active", row.getString("state"));
    assertEquals(1, row.getJsonArray("families").size());
    assertEquals(family, row.getJsonArray("families").getString(0));
    assertEquals(PluginJars.sha256(jar), row.getString("sha256"));
    assertFalse(Instant.parse(row.getString("loadedAt")).isAfter(Instant.now().plusSeconds(60)));
    assertFalse(row.containsKey("problem"), row.toString());
    String model = api.newModel(family, RATE);
    JsonObject charge = charge(api.newAccount(), model, 2500);
    assertEquals("0.000250", charge.getString("amount"));
    assertEquals(family, charge.getJsonObject("pricedBy").getString("plugin"));
    assertEquals("1.0", charge.getJsonObject("pricedBy").getString("version"));
    Api.Reply described =
        api.get("test-support/plugins/describe?family=" + family + "&ratePerSecond=0.0001");
    assertEquals(200, described.status(), described.body());
    assertEquals("[]", described.body().strip(), "SPI 2.0 had no describe(): the default answers");
  }

  @Test
  void pluginsBuiltForAnIncompatibleSpiAreRefusedByName() {
    String future = family("future");
    String first = family("first");
    PluginJars.put(
        future + ".jar",
        PluginJars.plugin(
            Spi.CURRENT,
            future,
            "1.0",
            "1",
            future,
            "  public String spiVersion() { return \"3.0\"; }"));
    PluginJars.put(first + ".jar", PluginJars.plugin(Spi.V1, first, "1.0", "1", first, ""));

    reload();

    JsonObject refusedFuture = row(future + ".jar");
    assertEquals("refused", refusedFuture.getString("state"));
    String problem = refusedFuture.getString("problem");
    assertTrue(problem.contains("io.tally.plugins.it.Plugin"), problem);
    assertTrue(problem.contains("was built for pricing SPI version 3.0"), problem);
    assertTrue(problem.contains("this server speaks version 2.1"), problem);
    JsonObject refusedFirst = row(first + ".jar");
    assertEquals("refused", refusedFirst.getString("state"));
    assertTrue(
        refusedFirst.getString("problem").contains("built for pricing SPI version 1"),
        refusedFirst.getString("problem"));
    for (String family : List.of(future, first)) {
      Api.Reply model =
          api.put(
              "models/" + Api.unique(family),
              "{\"family\":\"" + family + "\",\"name\":\"x\",\"pricing\":" + RATE + "}");
      assertEquals(400, model.status(), model.body());
    }
  }

  @Test
  void aJarReplacedUnderLoadPricesEachCallWithExactlyOneVersion() throws Exception {
    String family = family("swap");
    String jar = family + ".jar";
    PluginJars.put(jar, PluginJars.plugin(Spi.CURRENT, family, "1.0", "1", family, STATES_ITS_SPI));
    reload();
    String model = api.newModel(family, RATE);
    long[] accounts = new long[16];
    for (int i = 0; i < accounts.length; i++) {
      accounts[i] = api.newAccount();
    }
    record Call(long account, long startedNanos, int status, String version, String amount) {}
    ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    AtomicInteger made = new AtomicInteger();
    AtomicLong reloadedAt = new AtomicLong(Long.MAX_VALUE);
    ExecutorService clients = Executors.newFixedThreadPool(accounts.length);
    try {
      List<Future<?>> running =
          java.util.Arrays.stream(accounts)
              .<Future<?>>mapToObj(
                  account ->
                      clients.submit(
                          () -> {
                            int afterReload = 0;
                            for (int n = 0; n < 400 && afterReload < 5; n++) {
                              long started = System.nanoTime();
                              Api.Reply reply = usage(account, model, 1000);
                              JsonObject by =
                                  reply.status() == 201
                                      ? reply.json().getJsonObject("pricedBy")
                                      : null;
                              calls.add(
                                  new Call(
                                      account,
                                      started,
                                      reply.status(),
                                      by == null ? reply.body() : by.getString("version"),
                                      by == null ? null : reply.json().getString("amount")));
                              made.incrementAndGet();
                              if (started > reloadedAt.get()) {
                                afterReload++;
                              }
                            }
                          }))
              .toList();
      Poll.until(() -> made.get() >= 48, Duration.ofSeconds(120), "48 calls before the swap");
      PluginJars.put(
          jar, PluginJars.plugin(Spi.CURRENT, family, "2.0", "2", family, STATES_ITS_SPI));
      JsonObject reload = reload();
      reloadedAt.set(System.nanoTime());
      assertEquals("2.0", row(reload, jar).getString("version"));
      for (Future<?> client : running) {
        client.get();
      }
    } finally {
      clients.shutdownNow();
    }

    Map<String, String> amounts = Map.of("1.0", "0.000100", "2.0", "0.000200");
    int v1 = 0;
    for (Call call : calls) {
      assertEquals(201, call.status(), call.version());
      assertEquals(amounts.get(call.version()), call.amount(), call.toString());
      if (call.startedNanos() > reloadedAt.get()) {
        assertEquals("2.0", call.version(), "a call started after the reload answered");
      }
      v1 += call.version().equals("1.0") ? 1 : 0;
    }
    assertTrue(v1 > 0 && v1 < calls.size(), v1 + " of " + calls.size() + " calls by 1.0");
    for (long account : accounts) {
      BigDecimal spent =
          calls.stream()
              .filter(call -> call.account() == account)
              .map(call -> new BigDecimal(call.amount()))
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      assertEquals(new BigDecimal("1.000000").subtract(spent), api.balance(account));
    }
  }

  @Test
  void aBrokenReplacementKeepsTheOldVersionServingAndSaysWhy() {
    String family = family("keep");
    String jar = family + ".jar";
    PluginJars.put(jar, PluginJars.plugin(Spi.CURRENT, family, "1.0", "1", family, STATES_ITS_SPI));
    reload();
    String model = api.newModel(family, RATE);
    long account = api.newAccount();
    Map<String, byte[]> broken =
        Map.of(
            "is not a readable jar",
            "not a jar".getBytes(),
            "throws at load",
            PluginJars.plugin(
                Spi.CURRENT,
                family,
                "2.0",
                "2",
                family,
                STATES_ITS_SPI + " static { if (true) throw new IllegalStateException(\"no\"); }"),
            "was built for pricing SPI version 3.0",
            PluginJars.plugin(
                Spi.CURRENT,
                family,
                "2.0",
                "2",
                family,
                "  public String spiVersion() { return \"3.0\"; }"),
            "claims family 'image', which plugin image",
            PluginJars.plugin(Spi.CURRENT, family, "2.0", "2", "image", STATES_ITS_SPI));
    for (Map.Entry<String, byte[]> replacement : broken.entrySet()) {
      PluginJars.put(jar, replacement.getValue());

      JsonObject reload = reload();

      List<JsonObject> rows = rows(reload, jar);
      assertEquals(2, rows.size(), rows.toString());
      assertEquals("kept", rows.get(0).getString("state"));
      assertEquals("1.0", rows.get(0).getString("version"));
      assertEquals("refused", rows.get(1).getString("state"));
      assertEquals(PluginJars.sha256(replacement.getValue()), rows.get(1).getString("sha256"));
      String problem = rows.get(1).getString("problem");
      assertTrue(problem.contains(replacement.getKey()), problem);
      assertTrue(problem.endsWith("keeps serving"), problem);
      JsonObject charge = charge(account, model, 1000);
      assertEquals("1.0", charge.getJsonObject("pricedBy").getString("version"), problem);
      assertEquals("0.000100", charge.getString("amount"));
    }
  }

  @Test
  void aRemovedJarKeepsServingWhileAModelUsesItsFamilyAndIsUnloadedOtherwise() {
    String used = family("used");
    String unused = family("unused");
    PluginJars.put(
        used + ".jar", PluginJars.plugin(Spi.CURRENT, used, "1.0", "1", used, STATES_ITS_SPI));
    PluginJars.put(
        unused + ".jar",
        PluginJars.plugin(Spi.CURRENT, unused, "1.0", "1", unused, STATES_ITS_SPI));
    reload();
    String model = api.newModel(used, RATE);

    PluginJars.remove(used + ".jar");
    PluginJars.remove(unused + ".jar");
    JsonObject reload = reload();

    String changes = reload.getJsonArray("changes").toString();
    assertTrue(changes.contains("unloaded " + unused + " 1.0 (" + unused + ".jar"), changes);
    assertFalse(changes.contains(used + " 1.0"), changes);
    assertEquals(List.of(), rows(reload, unused + ".jar"));
    JsonObject kept = row(reload, used + ".jar");
    assertEquals("kept", kept.getString("state"));
    assertTrue(
        kept.getString("problem")
            .startsWith("was removed from the directory, but models use family " + used),
        kept.getString("problem"));
    assertEquals("0.000100", charge(api.newAccount(), model, 1000).getString("amount"));
  }

  @Test
  void thePollPicksUpANewJarByItself() {
    String family = family("polled");
    byte[] jar = PluginJars.plugin(Spi.CURRENT, family, "1.0", "1", family, STATES_ITS_SPI);

    PluginJars.put(family + ".jar", jar);

    JsonObject row =
        Poll.until(
            () ->
                rows(api.get("plugins").body(), family + ".jar").stream()
                    .filter(r -> "active".equals(r.getString("state")))
                    .findFirst()
                    .orElse(null),
            Duration.ofSeconds(30),
            "the poll loads " + family + ".jar");
    assertEquals(PluginJars.sha256(jar), row.getString("sha256"));
    assertEquals(
        "0.000100", charge(api.newAccount(), api.newModel(family, RATE), 1000).getString("amount"));
  }

  @Test
  void reloadIsTheServiceKeysAndAudited() {
    long account = api.newAccount();
    Api.Reply refused = api.as(api.keyOf(account)).post("plugins/reload", "");
    assertEquals(403, refused.status(), refused.body());

    reload();

    JsonObject entry =
        api.get("audit?action=plugins.reloaded&limit=1")
            .json()
            .getJsonArray("items")
            .getJsonObject(0);
    assertEquals("plugins.reloaded", entry.getString("action"));
    assertEquals("plugins", entry.getString("target"));
    assertEquals(
        PluginJars.DIRECTORY.toString(), entry.getJsonObject("after").getString("directory"));
    assertNotNull(entry.getJsonObject("after").getJsonArray("plugins"));
    assertNotNull(entry.getJsonObject("after").getJsonArray("changes"));
    assertNull(entry.get("accountId"));
  }

  // ---------------------------------------------------------------------------------- helpers

  /**
   * The sample plugin of {@code examples/}, built by this build outside the reactor against the SPI
   * and the kit only, shipped as a model team would: release 1.0.0 as {@code llm.jar}, then 2.0.0
   * (the long-context rule) copied over the same name.
   */
  @Test
  void theSamplePluginBuiltOutsideTheTreePricesThenIsReplacedByItsSecondRelease() throws Exception {
    Path releases = Path.of(System.getProperty("it.sample.plugin.dir"));
    PluginJars.put("llm.jar", Files.readAllBytes(releases.resolve("pricing-plugin-llm-1.0.0.jar")));
    reload();
    JsonObject first = row("llm.jar");
    assertEquals("1.0.0", first.getString("version"), first.toString());
    assertEquals("active", first.getString("state"));
    String model =
        api.newModel(
            "llm",
            "{\"mode\":\"per_token\",\"inputPerMillion\":\"3\",\"outputPerMillion\":\"15\"}");
    long account = api.newAccount();
    Api.Reply credit =
        api.post(
            "accounts/" + account + "/adjustments",
            "{\"amount\":\"4.00\",\"reason\":\"tokens to spend\"}",
            "Idempotency-Key",
            Api.unique("credit"));
    assertEquals(201, credit.status(), credit.body());
    // 250,000 input tokens at $3 and 1,000 output tokens at $15 per million.
    String tokens = "\"parameters\":{\"inputTokens\":250000,\"outputTokens\":1000}";
    Api.Reply quote = api.post("quotes", "{\"model\":\"" + model + "\"," + tokens + "}");
    assertEquals(200, quote.status(), quote.body());
    assertEquals("0.765000", quote.json().getString("amount"));
    String firstRequest = UUID.randomUUID().toString();
    String firstCall = call(firstRequest, account, model, tokens);
    Api.Reply v1 = api.post("usage", firstCall);
    assertEquals(201, v1.status(), v1.body());
    assertEquals("0.765000", v1.json().getString("amount"));
    assertEquals("1.0.0", v1.json().getJsonObject("pricedBy").getString("version"));

    PluginJars.put("llm.jar", Files.readAllBytes(releases.resolve("pricing-plugin-llm-2.0.0.jar")));
    reload();

    assertEquals("2.0.0", row("llm.jar").getString("version"));
    // 2.0.0 bills input beyond 200,000 tokens at the long-context rate, twice the input rate
    // unless the sheet says: 0.600000 + 50,000 at $6 (0.300000) + 0.015000.
    Api.Reply v2 = api.post("usage", call(UUID.randomUUID().toString(), account, model, tokens));
    assertEquals(201, v2.status(), v2.body());
    assertEquals("0.915000", v2.json().getString("amount"));
    JsonObject pricedBy = v2.json().getJsonObject("pricedBy");
    assertEquals("llm", pricedBy.getString("plugin"));
    assertEquals("2.0.0", pricedBy.getString("version"));
    Api.Reply replayed = api.post("usage", firstCall);
    assertEquals(200, replayed.status(), replayed.body());
    assertEquals(v1.json().getJsonNumber("id"), replayed.json().getJsonNumber("id"));
    assertEquals("0.765000", replayed.json().getString("amount"));
    assertEquals(
        "1.0.0",
        replayed.json().getJsonObject("pricedBy").getString("version"),
        "the charge made before the swap keeps the release that priced it");
    assertEquals(new BigDecimal("3.320000"), api.balance(account), "$1 + $4 - 0.765 - 0.915");
  }

  private static String call(String requestId, long account, String model, String facts) {
    return "{\"requestId\":\""
        + requestId
        + "\",\"accountId\":"
        + account
        + ",\"model\":\""
        + model
        + "\","
        + facts
        + "}";
  }

  /** A family (and plugin id, and jar name) no other test uses. */
  private static String family(String prefix) {
    return prefix + UUID.randomUUID().toString().substring(0, 8);
  }

  private JsonObject reload() {
    Api.Reply reply = api.post("plugins/reload", "");
    assertEquals(200, reply.status(), reply.body());
    return reply.json();
  }

  private JsonObject row(String jar) {
    return row(api.get("plugins").body(), jar);
  }

  private static JsonObject row(JsonObject reload, String jar) {
    List<JsonObject> rows = rows(reload, jar);
    assertEquals(1, rows.size(), rows.toString());
    return rows.get(0);
  }

  private static JsonObject row(String pluginsJson, String jar) {
    List<JsonObject> rows = rows(pluginsJson, jar);
    assertEquals(1, rows.size(), rows.toString());
    return rows.get(0);
  }

  private static List<JsonObject> rows(JsonObject reload, String jar) {
    return rows(reload.getJsonArray("plugins").toString(), jar);
  }

  private static List<JsonObject> rows(String pluginsJson, String jar) {
    return jakarta.json.Json.createReader(new java.io.StringReader(pluginsJson))
        .readArray()
        .getValuesAs(JsonObject.class)
        .stream()
        .filter(row -> jar.equals(row.getString("source", null)))
        .toList();
  }

  private Api.Reply usage(long account, String model, long durationMs) {
    return api.post(
        "usage",
        "{\"requestId\":\""
            + UUID.randomUUID()
            + "\",\"accountId\":"
            + account
            + ",\"model\":\""
            + model
            + "\",\"durationMs\":"
            + durationMs
            + "}");
  }

  private JsonObject charge(long account, String model, long durationMs) {
    Api.Reply reply = usage(account, model, durationMs);
    assertEquals(201, reply.status(), reply.body());
    return reply.json();
  }
}
