package io.tally.billing.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.billing.web.support.FaultyPricing;
import io.tally.pricing.image.ImagePricing;
import io.tally.pricing.spi.PriceSheet;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A pricing plugin that misbehaves at run time ({@link FaultyPricing}, loaded beside the shipped
 * plugins in this deployment only): every path that prices answers {@code 502 pricing_failed}
 * naming it, moves no money, counts the failure, and leaves every other model charging.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PricingFaultsIT {

  private static final String FAULTY = FaultyPricing.FAMILY;

  /** Each misbehaviour, and what the failure must say it was. */
  private static final Map<String, String> MISBEHAVIOURS = new LinkedHashMap<>();

  static {
    MISBEHAVIOURS.put("throws", "threw java.lang.IllegalStateException");
    // A null quote reaches the server's QuoteChecker; the SPI's own constructors refuse the
    // malformed quotes below inside the plugin, which then throws.
    MISBEHAVIOURS.put("null", "returned no line items");
    MISBEHAVIOURS.put("empty", "a quote needs at least one line item");
    MISBEHAVIOURS.put("negative", "amount -0.010000 is negative");
    MISBEHAVIOURS.put("unbalanced", "amount 0.030000 is not quantity 1 x unit price 0.010000");
    MISBEHAVIOURS.put("fine", "amount 0.0000001 is finer than a micro-dollar");
    MISBEHAVIOURS.put("overflow", "threw java.lang.StackOverflowError");
    MISBEHAVIOURS.put("linkage", "threw java.lang.NoClassDefFoundError: io/example/Missing");
  }

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.withFaultyPlugin();
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

  @Test
  void everyMisbehaviourAnswers502NamingThePluginOnQuotesHoldsAndChargesAndMovesNoMoney() {
    long account = fundedAccount("10");
    Map<String, String> models = new LinkedHashMap<>();
    MISBEHAVIOURS.keySet().forEach(mode -> models.put(mode, faultyModel(mode)));
    long failuresBefore = failures().getJsonNumber("count").longValue();

    for (Map.Entry<String, String> misbehaviour : models.entrySet()) {
      String model = misbehaviour.getValue();
      String expected = MISBEHAVIOURS.get(misbehaviour.getKey());
      assertPricingFailed(api.post("quotes", "{\"model\":\"" + model + "\"}"), expected);
      assertPricingFailed(
          api.post("authorizations", "{\"accountId\":" + account + ",\"model\":\"" + model + "\"}"),
          expected);
      assertPricingFailed(charge(Api.unique("req"), account, model), expected);

      JsonObject last = failures();
      assertEquals(model, last.getString("model"));
      assertTrue(last.getString("what").contains(expected), last.toString());
    }

    assertEquals(
        failuresBefore + 3L * MISBEHAVIOURS.size(), failures().getJsonNumber("count").longValue());
    assertEquals("11.000000", api.get("accounts/" + account).json().getString("balance"));
    assertEquals("11.000000", api.get("accounts/" + account).json().getString("available"));
    assertEquals(2, api.entryCount(account), "the free grant and the funds, nothing else");
    // Other models, of the shipped plugins and of the same plugin, still charge.
    Api.Reply shipped = charge(Api.unique("req"), account, imageModel(), 1_000);
    assertEquals(201, shipped.status(), shipped.body());
    assertEquals("0.010000", shipped.json().getString("amount"));
    Api.Reply healthy = charge(Api.unique("req"), account, faultyModel("ok"), null);
    assertEquals(201, healthy.status(), healthy.body());
    assertEquals("0.250000", healthy.json().getString("amount"));
    assertEquals(FAULTY, healthy.json().getJsonObject("pricedBy").getString("plugin"));
    assertEquals(new BigDecimal("10.740000"), api.balance(account));
  }

  @Test
  void aBatchChargesItsOtherEventsAndGivesTheFaultyEventItsOwn502() {
    long account = api.newAccount();
    String image = imageModel();
    String faulty = faultyModel("throws");
    String events =
        "{\"events\":["
            + event("ok-1", account, image, 10_000)
            + ","
            + event("bad", account, faulty, null)
            + ","
            + event("ok-2", account, image, 10_000)
            + "]}";
    Scrape before = Scrape.of(base);

    Api.Reply reply = api.post("usage/batch", events);
    Scrape after = Scrape.of(base);

    assertEquals(200, reply.status(), reply.body());
    JsonArray results = reply.json().getJsonArray("results");
    assertEquals(201, results.getJsonObject(0).getInt("status"));
    assertEquals(502, results.getJsonObject(1).getInt("status"));
    JsonObject error = results.getJsonObject(1).getJsonObject("error");
    assertEquals("pricing_failed", error.getString("error"));
    assertEquals(FAULTY, error.getString("plugin"));
    assertEquals(201, results.getJsonObject(2).getInt("status"));
    assertEquals("0.100000", results.getJsonObject(2).getJsonObject("charge").getString("amount"));
    assertEquals(new BigDecimal("0.800000"), api.balance(account));
    assertEquals(3, api.entryCount(account), "the free grant and the two good events");
    // The failure is in the metrics too, by plugin and as a charge refused.
    String failures = "tally_pricing_failures_total";
    assertEquals(
        1,
        after.value(failures, "plugin", FAULTY) - before.value(failures, "plugin", FAULTY),
        after.names());
    String refusals = "tally_charge_refusals_total";
    assertEquals(
        1,
        after.value(refusals, "reason", "pricing_failed")
            - before.value(refusals, "reason", "pricing_failed"));
  }

  @Test
  void aPluginThatFailsCheckingASheetAnswers502AndSavesNoModel() {
    String id = Api.unique(FAULTY);

    Api.Reply reply =
        api.put(
            "models/" + id,
            "{\"family\":\"faulty\",\"name\":\"Bad sheet\",\"pricing\":{\"mode\":\"badsheet\"}}");

    assertPricingFailed(reply, "ClassCastException");
    assertEquals(404, api.get("models/" + id).status());
  }

  @Test
  void theModelShowsItsPriceInThePluginsWordsAndNoneWhenDescribingFails() {
    String healthy = faultyModel("ok");
    String failing = faultyModel("throws");

    assertEquals(
        List.of("$0.25 per call"), lines(api.get("models/" + healthy).json(), "priceDescription"));
    Api.Reply failed = api.get("models/" + failing);
    assertEquals(200, failed.status(), failed.body());
    assertEquals(List.of(), lines(failed.json(), "priceDescription"));
    JsonObject listed =
        api.get("models").array().getValuesAs(JsonObject.class).stream()
            .filter(model -> model.getString("id").equals(healthy))
            .findFirst()
            .orElseThrow();
    assertEquals(List.of("$0.25 per call"), lines(listed, "priceDescription"));
    // A shipped plugin's words, exactly as it says them.
    assertEquals(
        new ImagePricing().describe(new PriceSheet("per_second", Map.of("ratePerSecond", "0.01"))),
        lines(api.get("models/" + imageModel()).json(), "priceDescription"));
  }

  @Test
  void aModelWhoseFamilyHasNoPluginLoadedAnswers503WithRetryAfterAndMovesNoMoney()
      throws SQLException {
    long account = api.newAccount();
    String model = Api.unique("retired");
    try (Connection db = database()) {
      // A family whose jar is gone: the catalog itself refuses to create such a model.
      execute(
          db,
          "INSERT INTO model (id, family, name, created_at, updated_at)"
              + " VALUES (?, 'retired', 'Retired', NOW(6), NOW(6))",
          model);
      execute(
          db,
          "INSERT INTO model_price (model_id, version, pricing, effective_from, created_at)"
              + " VALUES (?, 1, '{\"mode\":\"per_second\",\"ratePerSecond\":\"0.01\"}',"
              + " '2020-01-01', NOW(6))",
          model);
      try {
        for (Api.Reply reply :
            List.of(
                api.post("quotes", "{\"model\":\"" + model + "\",\"durationMs\":1000}"),
                charge(Api.unique("req"), account, model, 1_000))) {
          assertEquals(503, reply.status(), reply.body());
          assertEquals("plugin_unavailable", reply.error());
          assertEquals("retired", reply.json().getString("family"));
          assertTrue(Long.parseLong(reply.header("Retry-After")) > 0, reply.headers().toString());
        }
        assertEquals(new BigDecimal("1.000000"), api.balance(account));
        assertEquals(List.of(), lines(api.get("models/" + model).json(), "priceDescription"));
      } finally {
        execute(db, "DELETE FROM model_price WHERE model_id = ?", model);
        execute(db, "DELETE FROM model WHERE id = ?", model);
      }
    }
  }

  private static void assertPricingFailed(Api.Reply reply, String what) {
    assertEquals(502, reply.status(), reply.body());
    assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
    assertEquals("pricing_failed", reply.error());
    assertEquals(FAULTY, reply.json().getString("plugin"));
    assertTrue(reply.json().getString("message").contains(what), reply.body());
  }

  /** The test plugin's failure count and its last failure, as the admin's page shows them. */
  private JsonObject failures() {
    Api.Reply reply = api.get("test-support/pricing-failures/" + FAULTY);
    assertEquals(200, reply.status(), reply.body());
    return reply.json();
  }

  private String faultyModel(String mode) {
    return api.newModel(
        FAULTY,
        "ok".equals(mode)
            ? "{\"mode\":\"ok\",\"pricePerCall\":\"0.25\"}"
            : "{\"mode\":\"" + mode + "\"}");
  }

  private String imageModel() {
    return api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.01\"}");
  }

  private long fundedAccount(String dollars) {
    long account = api.newAccount();
    Api.Reply credit =
        api.post(
            "accounts/" + account + "/adjustments",
            "{\"amount\":\"" + dollars + "\",\"reason\":\"test funds\"}",
            "Idempotency-Key",
            Api.unique("fund"));
    assertEquals(201, credit.status(), credit.body());
    return account;
  }

  private Api.Reply charge(String requestId, long account, String model) {
    return charge(requestId, account, model, null);
  }

  private Api.Reply charge(String requestId, long account, String model, Integer durationMs) {
    return api.post("usage", event(requestId, account, model, durationMs));
  }

  private static String event(String requestId, long account, String model, Integer durationMs) {
    return "{\"requestId\":\""
        + requestId
        + "\",\"accountId\":"
        + account
        + ",\"model\":\""
        + model
        + "\""
        + (durationMs == null ? "" : ",\"durationMs\":" + durationMs)
        + "}";
  }

  private static List<String> lines(JsonObject model, String name) {
    return model.getJsonArray(name).getValuesAs(jakarta.json.JsonString.class).stream()
        .map(jakarta.json.JsonString::getString)
        .toList();
  }

  private static Connection database() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:mariadb://127.0.0.1:" + System.getProperty("it.db.port") + "/tally", "root", "");
  }

  private static void execute(Connection db, String sql, String parameter) throws SQLException {
    try (PreparedStatement statement = db.prepareStatement(sql)) {
      statement.setString(1, parameter);
      statement.executeUpdate();
    }
  }
}
