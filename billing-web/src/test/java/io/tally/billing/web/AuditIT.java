package io.tally.billing.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.InetAddress;
import java.net.URL;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
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
 * The audit of admin and money actions, over HTTP: each action that changed something leaves
 * exactly one entry naming who acted (the service key, an account key by its prefix, the system's
 * timer), from where (the test's own address), what it did to which target and the state before and
 * after; a replay or a refused action leaves none; only the service key reads the audit; and the
 * database refuses to change or remove an entry.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuditIT {

  private static final String PER_SECOND = "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.001\"}";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.tally();
  }

  @ArquillianResource URL base;

  Api admin;

  /** The address the server sees this test call from. */
  String client;

  @BeforeEach
  void connect() throws UnknownHostException {
    admin = Api.admin(base);
    client = clientAddress(base);
  }

  @AfterEach
  void ledgerReconciles() {
    JsonObject report = admin.reconciliation();
    assertTrue(report.getBoolean("ok"), report.toString());
  }

  @Test
  void anAdjustmentIsAuditedOnceWithItsAmountReasonAndTheBalanceAroundIt() {
    long account = admin.newAccount();
    String key = Api.unique("adj");
    Instant start = serverNow();

    assertEquals(201, adjust(account, "2.5", "goodwill for the outage", key).status());
    assertEquals(200, adjust(account, "2.5", "goodwill for the outage", key).status());
    Api.Reply refused = adjust(account, "-100", "too much", Api.unique("adj"));
    assertEquals(409, refused.status(), refused.body());

    JsonObject entry = only(audit("account=" + account + "&action=adjustment.created"));
    assertActor(entry, "SERVICE_KEY", "service");
    assertEquals(Long.toString(account), entry.getString("target"));
    assertEquals(account, entry.getJsonNumber("accountId").longValue());
    assertEquals(key, entry.getString("idempotencyKey"));
    assertEquals("1.000000", entry.getJsonObject("before").getString("balance"));
    JsonObject after = entry.getJsonObject("after");
    assertEquals("2.500000", after.getString("amount"));
    assertEquals("goodwill for the outage", after.getString("reason"));
    assertEquals("3.500000", after.getString("balance"));
    Instant occurredAt = Instant.parse(entry.getString("occurredAt"));
    assertFalse(
        occurredAt.isBefore(start) || occurredAt.isAfter(serverNow()), occurredAt.toString());
  }

  @Test
  void modelSavesAndPriceChangesAreAuditedWithTheOldAndTheNewSheet() {
    String model = admin.newModel("image", PER_SECOND);
    JsonObject first = admin.get("models/" + model).json();

    JsonObject created = only(ofTarget(audit("action=model.saved&limit=200"), model));
    assertActor(created, "SERVICE_KEY", "service");
    assertAbsent(created, "before");
    assertEquals("image", created.getJsonObject("after").getString("family"));
    assertEquals(first.getJsonObject("pricing"), created.getJsonObject("after").get("pricing"));

    String tomorrow =
        Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
    String newSheet = "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.002\"}";
    Api.Reply changed =
        admin.put(
            "models/" + model + "/price",
            "{\"pricing\":" + newSheet + ",\"effectiveFrom\":\"" + tomorrow + "\"}");
    assertEquals(200, changed.status(), changed.body());
    Api.Reply bad =
        admin.put(
            "models/" + model + "/price",
            "{\"pricing\":{\"mode\":\"per_second\",\"ratePerSecond\":\"-1\"},\"effectiveFrom\":\""
                + tomorrow
                + "\"}");
    assertEquals(400, bad.status(), bad.body());

    JsonObject price = only(ofTarget(audit("action=price.changed&limit=200"), model));
    assertActor(price, "SERVICE_KEY", "service");
    JsonObject before = price.getJsonObject("before");
    assertEquals(1, before.getInt("version"));
    assertEquals(first.getJsonObject("pricing"), before.getJsonObject("pricing"));
    JsonObject after = price.getJsonObject("after");
    assertEquals(2, after.getInt("version"));
    assertEquals(tomorrow, after.getString("effectiveFrom"));
    JsonObject scheduled =
        admin.get("models/" + model).json().getJsonArray("scheduled").getJsonObject(0);
    assertEquals(scheduled.getJsonObject("pricing"), after.getJsonObject("pricing"));
    assertEquals("0.002", after.getJsonObject("pricing").getString("ratePerSecond"));

    // The same definition again changes nothing, so it records nothing.
    Api.Reply same =
        admin.put(
            "models/" + model,
            "{\"family\":\"image\",\"name\":\"" + model + "\",\"pricing\":" + PER_SECOND + "}");
    assertEquals(200, same.status(), same.body());
    assertEquals(1, ofTarget(audit("action=model.saved&limit=200"), model).size());
  }

  @Test
  void keysCreatedAndRevokedAreAuditedByTheKeyThatActedNeverItsSecret() {
    long account = admin.newAccount();
    String first = admin.keyOf(account);
    Api customer = admin.as(first);
    Api.Reply issued = customer.post("accounts/" + account + "/api-keys", "");
    assertEquals(201, issued.status(), issued.body());
    long second = issued.json().getJsonNumber("id").longValue();
    String secret = issued.json().getString("key");

    assertEquals(200, customer.exchange("DELETE", keyPath(account, second), null).status());
    assertEquals(200, customer.exchange("DELETE", keyPath(account, second), null).status());
    assertEquals(404, customer.exchange("DELETE", keyPath(account, 0), null).status());

    List<JsonObject> created = audit("account=" + account + "&action=api_key.created");
    assertEquals(2, created.size(), created.toString());
    assertActor(created.get(0), "ACCOUNT_KEY", first.substring(0, 10));
    assertEquals(Long.toString(second), created.get(0).getString("target"));
    assertEquals(
        secret.substring(0, 10), created.get(0).getJsonObject("after").getString("prefix"));
    assertActor(created.get(1), "SERVICE_KEY", "service");
    assertEquals(first.substring(0, 10), created.get(1).getJsonObject("after").getString("prefix"));

    JsonObject revoked = only(audit("account=" + account + "&action=api_key.revoked"));
    assertActor(revoked, "ACCOUNT_KEY", first.substring(0, 10));
    assertEquals(Long.toString(second), revoked.getString("target"));
    assertAbsent(revoked.getJsonObject("before"), "revokedAt");
    assertNotNull(revoked.getJsonObject("after").getString("revokedAt"));

    String all = admin.get("audit?account=" + account).body();
    assertFalse(all.contains(first) || all.contains(secret), "a key's secret is in the audit");
  }

  @Test
  void planChangesAreAuditedOnceAndARefusedOneIsNot() {
    long account = admin.newAccount();
    String key = admin.keyOf(account);
    Api customer = admin.as(key);
    String idempotencyKey = Api.unique("sub");

    assertEquals(
        200, subscribe(customer, account, "PERSONAL", "pm_card_visa", idempotencyKey).status());
    assertEquals(
        200, subscribe(customer, account, "PERSONAL", "pm_card_visa", idempotencyKey).status());
    assertEquals(
        402, subscribe(customer, account, "PRO", "pm_card_declined", Api.unique("s")).status());
    assertEquals(200, subscribe(admin, account, "PRO", "pm_card_visa", Api.unique("s")).status());
    assertEquals(
        200, customer.exchange("DELETE", "accounts/" + account + "/subscription", null).status());
    assertEquals(
        200, customer.exchange("DELETE", "accounts/" + account + "/subscription", null).status());

    List<JsonObject> changed = audit("account=" + account + "&action=subscription.changed");
    assertEquals(2, changed.size(), changed.toString());
    JsonObject upgrade = changed.get(0);
    assertActor(upgrade, "SERVICE_KEY", "service");
    assertEquals("PERSONAL", upgrade.getJsonObject("before").getString("plan"));
    assertEquals("PRO", upgrade.getJsonObject("after").getString("plan"));
    assertEquals("59.000000", upgrade.getJsonObject("after").getString("price"));
    assertTrue(upgrade.getJsonObject("after").containsKey("charged"));
    JsonObject subscribed = changed.get(1);
    assertActor(subscribed, "ACCOUNT_KEY", key.substring(0, 10));
    assertAbsent(subscribed, "before");
    assertEquals("PERSONAL", subscribed.getJsonObject("after").getString("plan"));
    assertEquals("ACTIVE", subscribed.getJsonObject("after").getString("status"));
    assertEquals("19.000000", subscribed.getJsonObject("after").getString("price"));
    assertEquals(idempotencyKey, subscribed.getString("idempotencyKey"));

    JsonObject canceled = only(audit("account=" + account + "&action=subscription.canceled"));
    assertActor(canceled, "ACCOUNT_KEY", key.substring(0, 10));
    assertFalse(canceled.getJsonObject("before").getBoolean("cancelAtPeriodEnd"));
    assertTrue(canceled.getJsonObject("after").getBoolean("cancelAtPeriodEnd"));
  }

  @Test
  void aCancellationTakingEffectAtThePeriodEndIsTheSystemsFromNoAddress() {
    long account = admin.newAccount();
    String key = admin.keyOf(account);
    Api customer = admin.as(key);
    String path = "accounts/" + account + "/subscription";
    assertEquals(
        200, subscribe(customer, account, "PERSONAL", "pm_card_visa", Api.unique("s")).status());
    assertEquals(200, customer.exchange("DELETE", path, null).status());
    Instant end = Instant.parse(admin.get(path).json().getString("currentPeriodEnd"));
    Instant now = serverNow();
    if (now.isBefore(end.plusSeconds(60))) {
      admin.advanceClock(Duration.between(now, end.plusSeconds(60)));
    }

    Api.Reply run = admin.post("test-support/subscriptions/renewals", "");
    assertEquals(200, run.status(), run.body());
    assertEquals("CANCELED", admin.get(path).json().getString("status"));

    List<JsonObject> canceled = audit("account=" + account + "&action=subscription.canceled");
    assertEquals(2, canceled.size(), canceled.toString());
    JsonObject bySystem = canceled.get(0);
    assertEquals("SYSTEM", bySystem.getString("actorKind"));
    assertEquals("system", bySystem.getString("actor"));
    assertAbsent(bySystem, "sourceAddress");
    assertTrue(bySystem.getJsonObject("before").getBoolean("cancelAtPeriodEnd"));
    assertEquals("CANCELED", bySystem.getJsonObject("after").getString("status"));
    assertActor(canceled.get(1), "ACCOUNT_KEY", key.substring(0, 10));
  }

  @Test
  void onlyTheServiceKeyReadsTheAuditNewestFirstAPageAtATime() {
    long account = admin.newAccount();
    for (int i = 0; i < 3; i++) {
      admin.keyOf(account);
    }
    Api customer = admin.as(admin.keyOf(account));

    assertEquals(403, customer.get("audit").status());
    assertEquals(403, customer.get("audit?account=" + account).status());
    assertEquals(401, admin.as(null).get("audit").status());
    Api.Reply badAction = admin.get("audit?action=account.deleted");
    assertEquals(400, badAction.status());
    assertEquals("action", badAction.json().getString("field"));
    assertEquals("account", admin.get("audit?account=abc").json().getString("field"));
    assertEquals("limit", admin.get("audit?limit=0").json().getString("field"));

    JsonObject page = admin.get("audit?account=" + account + "&limit=3").json();
    JsonArray items = page.getJsonArray("items");
    assertEquals(3, items.size());
    long newest = items.getJsonObject(0).getJsonNumber("id").longValue();
    long oldest = items.getJsonObject(2).getJsonNumber("id").longValue();
    assertTrue(newest > oldest);
    JsonObject next =
        admin
            .get("audit?account=" + account + "&limit=3&cursor=" + page.getString("nextCursor"))
            .json();
    assertEquals(1, next.getJsonArray("items").size());
    assertTrue(
        next.getJsonArray("items").getJsonObject(0).getJsonNumber("id").longValue() < oldest);
    assertAbsent(next, "nextCursor");
  }

  @Test
  void theDatabaseRefusesToChangeOrRemoveAnAuditEntry() throws SQLException {
    long account = admin.newAccount();
    admin.keyOf(account);
    long id = only(audit("account=" + account)).getJsonNumber("id").longValue();

    try (Connection db =
        DriverManager.getConnection(
            "jdbc:mariadb://127.0.0.1:" + System.getProperty("it.db.port") + "/tally",
            "root",
            "")) {
      for (String sql :
          List.of(
              "UPDATE audit_entry SET actor = 'someone else' WHERE id = ?",
              "DELETE FROM audit_entry WHERE id = ?")) {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
          statement.setLong(1, id);
          SQLException refused = assertThrows(SQLException.class, statement::executeUpdate, sql);
          assertTrue(
              refused.getMessage().contains("audit entries are immutable"), refused.getMessage());
        }
      }
    }
    assertActor(only(audit("account=" + account)), "SERVICE_KEY", "service");
  }

  // ---------------------------------------------------------------- helpers

  private Api.Reply adjust(long account, String amount, String reason, String key) {
    return admin.post(
        "accounts/" + account + "/adjustments",
        "{\"amount\":\"" + amount + "\",\"reason\":\"" + reason + "\"}",
        "Idempotency-Key",
        key);
  }

  private static Api.Reply subscribe(
      Api as, long account, String plan, String paymentMethod, String idempotencyKey) {
    return as.exchange(
        "PUT",
        "accounts/" + account + "/subscription",
        "{\"plan\":\"" + plan + "\",\"paymentMethod\":\"" + paymentMethod + "\"}",
        "Content-Type",
        "application/json",
        "Idempotency-Key",
        idempotencyKey);
  }

  private Instant serverNow() {
    Api.Reply reply = admin.post("test-support/clock?seconds=0", "");
    assertEquals(200, reply.status(), reply.body());
    return Instant.parse(reply.body());
  }

  private static String keyPath(long account, long key) {
    return "accounts/" + account + "/api-keys/" + key;
  }

  /** The audit entries the query selects, newest first (one page). */
  private List<JsonObject> audit(String query) {
    Api.Reply reply = admin.get("audit?" + query);
    assertEquals(200, reply.status(), reply.body());
    return reply.json().getJsonArray("items").getValuesAs(JsonObject.class);
  }

  private static List<JsonObject> ofTarget(List<JsonObject> entries, String target) {
    return entries.stream().filter(e -> target.equals(e.getString("target"))).toList();
  }

  private static JsonObject only(List<JsonObject> entries) {
    assertEquals(1, entries.size(), entries.toString());
    return entries.get(0);
  }

  /**
   * The server is on this machine, so a call to it comes from the address it was made to: the
   * loopback for {@code localhost}, the machine's own address when Arquillian names that.
   */
  static String clientAddress(URL base) throws UnknownHostException {
    return InetAddress.getByName(base.getHost()).getHostAddress();
  }

  /** JSON-B leaves out null values; either way there is none. */
  private static void assertAbsent(JsonObject object, String name) {
    assertTrue(!object.containsKey(name) || object.isNull(name), object.toString());
  }

  /** Who acted, and from the test's own address. */
  private void assertActor(JsonObject entry, String kind, String actor) {
    assertEquals(kind, entry.getString("actorKind"), entry.toString());
    assertEquals(actor, entry.getString("actor"), entry.toString());
    assertEquals(client, entry.getString("sourceAddress"), entry.toString());
  }
}
