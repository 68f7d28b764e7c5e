package io.tally.billing.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.URL;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

  @Test
  void aRefundCreditsTheChargeBackOnceNeverPastItsAmountAndIsAuditedAndShown() {
    long account = admin.newAccount();
    String model = admin.newModel("image", PER_SECOND);
    JsonObject charge = use(account, model, 500_000);
    long id = charge.getJsonNumber("id").longValue();
    assertEquals("0.500000", charge.getString("balance"));
    String partKey = Api.unique("refund");

    Api.Reply part = refund(id, "{\"amount\":\"0.2\",\"reason\":\"slow answer\"}", partKey);
    assertEquals(201, part.status(), part.body());
    assertEquals("0.200000", part.json().getString("amount"));
    assertEquals("0.700000", part.json().getString("balance"));
    Api.Reply again = refund(id, "{\"amount\":\"0.2\",\"reason\":\"slow answer\"}", partKey);
    assertEquals(200, again.status(), again.body());
    assertEquals(part.json(), again.json());
    Api.Reply reused = refund(id, "{\"amount\":\"0.3\",\"reason\":\"slow answer\"}", partKey);
    assertEquals(422, reused.status(), reused.body());
    assertEquals("idempotency_key_reused", reused.json().getString("error"));
    Api.Reply tooMuch =
        refund(id, "{\"amount\":\"0.300001\",\"reason\":\"x\"}", Api.unique("refund"));
    assertEquals(409, tooMuch.status(), tooMuch.body());
    assertEquals("refund_exceeds_charge", tooMuch.json().getString("error"));
    assertEquals("0.300000", tooMuch.json().getString("refundable"));
    assertEquals(new BigDecimal("0.700000"), admin.balance(account));

    String restKey = Api.unique("refund");
    Api.Reply rest = refund(id, "{\"reason\":\"the rest\"}", restKey);
    assertEquals(201, rest.status(), rest.body());
    assertEquals("0.300000", rest.json().getString("amount"));
    assertEquals("1.000000", rest.json().getString("balance"));
    Api.Reply more = refund(id, "{\"reason\":\"the rest\"}", Api.unique("refund"));
    assertEquals(409, more.status(), more.body());
    assertEquals("refund_exceeds_charge", more.json().getString("error"));
    Api.Reply replayed = refund(id, "{\"reason\":\"the rest\"}", restKey);
    assertEquals(200, replayed.status(), replayed.body());
    assertEquals(rest.json(), replayed.json());
    assertEquals(new BigDecimal("1.000000"), admin.balance(account));

    JsonObject shown = admin.get("charges/" + id).json();
    assertEquals(charge, shown.getJsonObject("charge"));
    assertEquals("0.500000", shown.getString("refunded"));
    assertEquals("0.000000", shown.getString("refundable"));
    JsonArray refunds = admin.get("charges/" + id + "/refunds").array();
    assertEquals(shown.getJsonArray("refunds"), refunds);
    assertEquals(List.of(part.json(), rest.json()), refunds.getValuesAs(JsonObject.class));

    JsonObject entry =
        admin
            .get("accounts/" + account + "/transactions?limit=1")
            .json()
            .getJsonArray("items")
            .getJsonObject(0);
    assertEquals("REFUND", entry.getString("kind"));
    assertEquals("0.300000", entry.getString("amount"));
    assertTrue(entry.getString("reference").contains("charge " + id), entry.toString());

    String day = charge.getString("startedAt").substring(0, 10);
    JsonObject usage =
        admin.get("accounts/" + account + "/usage?from=" + day + "&to=" + day).json();
    JsonObject line = usage.getJsonArray("models").getJsonObject(0);
    assertEquals(1, line.getInt("calls"), "a refunded call is still a call");
    assertEquals(500_000, line.getJsonNumber("totalDurationMs").longValue());
    assertEquals("0.000000", line.getString("amount"), "but it costs nothing any more");

    List<JsonObject> audited = audit("account=" + account + "&action=refund.created");
    assertEquals(2, audited.size(), audited.toString());
    JsonObject last = audited.get(0);
    assertActor(last, "SERVICE_KEY", "service");
    assertEquals(Long.toString(id), last.getString("target"));
    assertEquals(restKey, last.getString("idempotencyKey"));
    assertEquals("0.200000", last.getJsonObject("before").getString("refunded"));
    assertEquals("0.700000", last.getJsonObject("before").getString("balance"));
    assertEquals("0.300000", last.getJsonObject("after").getString("amount"));
    assertEquals("the rest", last.getJsonObject("after").getString("reason"));
    assertEquals("0.500000", last.getJsonObject("after").getString("refunded"));
    assertEquals("1.000000", last.getJsonObject("after").getString("balance"));
    assertEquals("0.000000", audited.get(1).getJsonObject("before").getString("refunded"));
  }

  @Test
  void onlyTheServiceKeyRefundsAndAnotherAccountsOrAnUnknownChargeIsNotFound() {
    long account = admin.newAccount();
    long other = admin.newAccount();
    String model = admin.newModel("image", PER_SECOND);
    long id = use(account, model, 100_000).getJsonNumber("id").longValue();
    Api owner = admin.as(admin.keyOf(account));
    Api stranger = admin.as(admin.keyOf(other));
    String body = "{\"reason\":\"x\"}";

    assertEquals(200, owner.get("charges/" + id).status());
    assertEquals(403, refundAs(owner, id, body, Api.unique("r")).status());
    for (Api.Reply missing :
        List.of(
            stranger.get("charges/" + id),
            stranger.get("charges/" + id + "/refunds"),
            refundAs(stranger, id, body, Api.unique("r")),
            admin.get("charges/" + Long.MAX_VALUE),
            refund(Long.MAX_VALUE, body, Api.unique("r")))) {
      assertEquals(404, missing.status(), missing.body());
      assertEquals("charge_not_found", missing.json().getString("error"));
    }
    assertEquals(400, refund(id, body, null).status());
    assertEquals(
        "amount", refund(id, "{\"amount\":\"0\",\"reason\":\"x\"}", "k").json().getString("field"));
    assertEquals("reason", refund(id, "{\"amount\":\"0.01\"}", "k").json().getString("field"));
    assertEquals(new BigDecimal("0.900000"), admin.balance(account));
    assertEquals("0.000000", admin.get("charges/" + id).json().getString("refunded"));
    assertTrue(audit("account=" + account + "&action=refund.created").isEmpty());
  }

  @Test
  void tenConcurrentFullRefundsOfOneChargeCreditItExactlyOnce() throws Exception {
    long account = admin.newAccount();
    String model = admin.newModel("image", PER_SECOND);
    long id = use(account, model, 250_000).getJsonNumber("id").longValue();
    ExecutorService pool = Executors.newFixedThreadPool(10);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Api.Reply>> replies = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        String key = Api.unique("race");
        replies.add(
            pool.submit(
                () -> {
                  start.await();
                  return refund(id, "{\"reason\":\"race\"}", key);
                }));
      }
      start.countDown();
      Map<Integer, Integer> statuses = new TreeMap<>();
      for (Future<Api.Reply> reply : replies) {
        Api.Reply answer = reply.get(60, TimeUnit.SECONDS);
        statuses.merge(answer.status(), 1, Integer::sum);
        if (answer.status() == 409) {
          assertEquals("refund_exceeds_charge", answer.json().getString("error"));
        } else {
          assertEquals("0.250000", answer.json().getString("amount"), answer.body());
        }
      }
      assertEquals(Map.of(201, 1, 409, 9), statuses);
    } finally {
      pool.shutdownNow();
    }
    assertEquals(new BigDecimal("1.000000"), admin.balance(account));
    JsonObject shown = admin.get("charges/" + id).json();
    assertEquals("0.250000", shown.getString("refunded"));
    assertEquals(1, shown.getJsonArray("refunds").size());
    assertEquals(1, audit("account=" + account + "&action=refund.created").size());
  }

  @Test
  void aRechargeAutoRechargeSettingsAndWebhookChangesAreAuditedByWhoActed() {
    long account = admin.newAccount();
    String key = admin.keyOf(account);
    Api customer = admin.as(key);
    String rechargeKey = Api.unique("rc");
    String card = "{\"amount\":\"10.00\",\"paymentMethod\":\"pm_card_visa\"}";
    String path = "accounts/" + account + "/recharges";

    assertEquals(201, customer.post(path, card, "Idempotency-Key", rechargeKey).status());
    assertEquals(200, customer.post(path, card, "Idempotency-Key", rechargeKey).status());
    String declined = "{\"amount\":\"5.00\",\"paymentMethod\":\"pm_card_declined\"}";
    assertEquals(402, customer.post(path, declined, "Idempotency-Key", Api.unique("rc")).status());

    JsonObject recharge = only(audit("account=" + account + "&action=recharge.credited"));
    assertActor(recharge, "ACCOUNT_KEY", key.substring(0, 10));
    assertEquals(rechargeKey, recharge.getString("idempotencyKey"));
    assertEquals("1.000000", recharge.getJsonObject("before").getString("balance"));
    assertEquals("10.000000", recharge.getJsonObject("after").getString("amount"));
    assertEquals("pm_card_visa", recharge.getJsonObject("after").getString("paymentMethod"));
    assertEquals("11.000000", recharge.getJsonObject("after").getString("balance"));

    String auto = "accounts/" + account + "/auto-recharge";
    String on =
        "{\"enabled\":true,\"threshold\":\"5\",\"amount\":\"20\",\"paymentMethod\":\"pm_card_visa\"}";
    assertEquals(200, customer.put(auto, on).status());
    assertEquals(200, customer.put(auto, on).status());
    assertEquals(200, admin.put(auto, "{\"enabled\":false}").status());
    List<JsonObject> settings = audit("account=" + account + "&action=auto_recharge.changed");
    assertEquals(2, settings.size(), settings.toString());
    assertActor(settings.get(0), "SERVICE_KEY", "service");
    assertTrue(settings.get(0).getJsonObject("before").getBoolean("enabled"));
    assertFalse(settings.get(0).getJsonObject("after").getBoolean("enabled"));
    assertActor(settings.get(1), "ACCOUNT_KEY", key.substring(0, 10));
    assertFalse(settings.get(1).getJsonObject("before").getBoolean("enabled"));
    assertAbsent(settings.get(1).getJsonObject("before"), "threshold");
    JsonObject turnedOn = settings.get(1).getJsonObject("after");
    assertEquals("5.000000", turnedOn.getString("threshold"));
    assertEquals("20.000000", turnedOn.getString("amount"));
    assertEquals("pm_card_visa", turnedOn.getString("paymentMethod"));

    String hook = "accounts/" + account + "/webhook";
    assertEquals(201, customer.put(hook, "{\"url\":\"https://example.com/a\"}").status());
    assertEquals(200, customer.put(hook, "{\"url\":\"https://example.com/a\"}").status());
    Api.Reply off = admin.put(hook, "{\"url\":\"https://example.com/b\",\"enabled\":false}");
    assertEquals(200, off.status(), off.body());
    assertEquals(204, customer.exchange("DELETE", hook, null).status());
    assertEquals(404, customer.exchange("DELETE", hook, null).status());
    List<JsonObject> hooks = audit("account=" + account + "&action=webhook.changed");
    assertEquals(2, hooks.size(), hooks.toString());
    assertActor(hooks.get(0), "SERVICE_KEY", "service");
    assertEquals("https://example.com/a", hooks.get(0).getJsonObject("before").getString("url"));
    assertEquals("https://example.com/b", hooks.get(0).getJsonObject("after").getString("url"));
    assertFalse(hooks.get(0).getJsonObject("after").getBoolean("enabled"));
    assertActor(hooks.get(1), "ACCOUNT_KEY", key.substring(0, 10));
    assertAbsent(hooks.get(1), "before");
    assertTrue(hooks.get(1).getJsonObject("after").getBoolean("enabled"));
    JsonObject deleted = only(audit("account=" + account + "&action=webhook.deleted"));
    assertActor(deleted, "ACCOUNT_KEY", key.substring(0, 10));
    assertEquals("https://example.com/b", deleted.getJsonObject("before").getString("url"));
    assertAbsent(deleted, "after");
    String all = admin.get("audit?account=" + account + "&limit=200").body();
    assertFalse(all.contains("secret"), "a webhook's secret is in the audit");
  }

  @Test
  void anInvoicePaymentIsAuditedOnceByWhoPaidIt() {
    moveTo(YearMonth.from(serverNow().atZone(ZoneOffset.UTC)).plusMonths(1).atDay(1));
    YearMonth month = YearMonth.from(serverNow().atZone(ZoneOffset.UTC));
    long account =
        admin.newAccount(
            "{\"email\":\""
                + Api.unique("corp")
                + "@example.com\",\"name\":\"Enterprise\",\"billingMode\":\"POSTPAID\"}");
    String key = admin.keyOf(account);
    use(account, admin.newModel("image", PER_SECOND), 100_000);
    moveTo(month.plusMonths(1).atDay(1));
    assertEquals(200, admin.post("test-support/jobs/invoices", "").status());
    long invoice =
        admin
            .get("accounts/" + account + "/invoices")
            .array()
            .getJsonObject(0)
            .getJsonNumber("id")
            .longValue();
    String payKey = Api.unique("pay");
    String path = "invoices/" + invoice + "/payments";
    String card = "{\"paymentMethod\":\"pm_card_visa\"}";

    Api customer = admin.as(key);
    assertEquals(201, customer.post(path, card, "Idempotency-Key", payKey).status());
    assertEquals(200, customer.post(path, card, "Idempotency-Key", payKey).status());
    assertEquals(409, customer.post(path, card, "Idempotency-Key", Api.unique("p")).status());

    JsonObject paid = only(audit("account=" + account + "&action=invoice.paid"));
    assertActor(paid, "ACCOUNT_KEY", key.substring(0, 10));
    assertEquals(Long.toString(invoice), paid.getString("target"));
    assertEquals(payKey, paid.getString("idempotencyKey"));
    assertEquals("0.100000", paid.getJsonObject("before").getString("total"));
    assertEquals("-0.100000", paid.getJsonObject("before").getString("balance"));
    assertEquals("PAID", paid.getJsonObject("after").getString("status"));
    assertEquals("0.100000", paid.getJsonObject("after").getString("amount"));
    assertEquals("pm_card_visa", paid.getJsonObject("after").getString("paymentMethod"));
    assertEquals("0.000000", paid.getJsonObject("after").getString("balance"));
  }

  // ---------------------------------------------------------------- helpers

  /** One call of {@code durationMs} at $0.001/s; answers the charge. */
  private JsonObject use(long account, String model, long durationMs) {
    Api.Reply reply =
        admin.post(
            "usage",
            "{\"requestId\":\""
                + Api.unique("call")
                + "\",\"accountId\":"
                + account
                + ",\"model\":\""
                + model
                + "\",\"durationMs\":"
                + durationMs
                + "}");
    assertEquals(201, reply.status(), reply.body());
    return reply.json();
  }

  private Api.Reply refund(long charge, String body, String key) {
    return refundAs(admin, charge, body, key);
  }

  private static Api.Reply refundAs(Api as, long charge, String body, String key) {
    return key == null
        ? as.post("charges/" + charge + "/refunds", body)
        : as.post("charges/" + charge + "/refunds", body, "Idempotency-Key", key);
  }

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

  /** Moves the server's clock forward to one in the morning (UTC) of {@code day}. */
  private void moveTo(LocalDate day) {
    Instant target = day.atTime(1, 0).toInstant(ZoneOffset.UTC);
    Duration by = Duration.between(serverNow(), target);
    if (!by.isNegative()) {
      admin.advanceClock(by);
    }
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
