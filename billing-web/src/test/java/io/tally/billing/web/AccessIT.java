package io.tally.billing.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.net.URL;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * Who may do what: no key is a 401, an account key acts on its own account only (another account
 * reads as not found), and service calls need the service key.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AccessIT {

  private static final String PER_SECOND = "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.001\"}";

  /** The service key being rotated to: {@code tally.admin.key.next} in arquillian.xml. */
  private static final String NEXT_SERVICE_KEY =
      "it-next-admin-key-9c2e71d4b0a85f36e1d7c49b2a60f813";

  /** A service key of the same form that no setting names (say, the one rotated out). */
  private static final String RETIRED_SERVICE_KEY =
      "it-old-admin-key-1b8d4e6f20c93a75d1e8f4b6c2a09e37";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.tally();
  }

  @ArquillianResource URL base;

  Api admin;

  /** The account whose key {@link #mine} acts with. */
  long own;

  /** Someone else's account. */
  long other;

  Api mine;

  String model;

  @BeforeEach
  void twoAccountsAndAKeyForOne() {
    admin = Api.admin(base);
    own = admin.newAccount();
    other = admin.newAccount();
    model = admin.newModel("image", PER_SECOND);
    Api.Reply issued = admin.post("accounts/" + own + "/api-keys", "");
    assertEquals(201, issued.status(), issued.body());
    String key = issued.json().getString("key");
    assertTrue(key.startsWith("tk_"), key);
    mine = admin.as(key);
  }

  @AfterEach
  void ledgerReconciles() {
    JsonObject report = admin.reconciliation();
    assertTrue(report.getBoolean("ok"), report.toString());
  }

  // ---------------------------------------------------------------- authentication

  @Test
  void refusesACallWithoutAKeyWithA401AndABearerChallenge() {
    Api anonymous = admin.as(null);

    assertUnauthenticated(anonymous.get("models"));
    assertUnauthenticated(anonymous.post("usage", usage(own, Api.unique("anon"), 1000)));
    assertUnauthenticated(anonymous.get("accounts/" + own));
    assertUnauthenticated(anonymous.get("accounts/" + own + "/transactions"));
    assertUnauthenticated(anonymous.get("reconciliation"));
    assertEquals(new BigDecimal("1.000000"), admin.balance(own));
  }

  @Test
  void refusesAnUnknownKey() {
    assertUnauthenticated(admin.as("not-a-key").get("models"));
    assertUnauthenticated(admin.as(Api.ADMIN_KEY + "x").get("models"));
    assertUnauthenticated(
        admin.as("tk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").get("accounts/" + own));
  }

  @Test
  void refusesAMalformedAuthorizationHeader() {
    assertUnauthenticated(admin.withAuthorization("Basic xyz").get("models"));
    assertUnauthenticated(admin.withAuthorization("Bearer").get("models"));
    assertUnauthenticated(admin.withAuthorization(Api.ADMIN_KEY).get("models"));
    assertUnauthenticated(admin.withAuthorization("Token " + Api.ADMIN_KEY).get("models"));
  }

  // ---------------------------------------------------------------- an account key's own account

  @Test
  void accountKeyReadsItsOwnAccount() {
    Api.Reply account = mine.get("accounts/" + own);

    assertEquals(200, account.status(), account.body());
    assertEquals(own, account.json().getJsonNumber("id").longValue());
    assertEquals("1.000000", account.json().getString("balance"));
    assertEquals(200, mine.get("accounts/" + own + "/transactions").status());
    assertEquals(200, mine.get("accounts/" + own + "/usage").status());
  }

  @Test
  void accountKeyChargesItsOwnAccount() {
    Api.Reply charge = mine.post("usage", usage(own, Api.unique("mine"), 1500));

    assertEquals(201, charge.status(), charge.body());
    assertEquals("0.001500", charge.json().getString("amount"));
    assertEquals(new BigDecimal("0.998500"), admin.balance(own));
  }

  @Test
  void accountKeyReadsTheCatalog() {
    assertEquals(200, mine.get("models").status());
    assertEquals(model, mine.get("models/" + model).json().getString("id"));
  }

  // ---------------------------------------------------------------- another account

  @Test
  void refusesAnAccountKeyReadingAnotherAccountAsNotFound() {
    assertAccountNotFound(mine.get("accounts/" + other));
  }

  @Test
  void refusesAnAccountKeyReadingAnotherAccountsTransactionsAsNotFound() {
    assertAccountNotFound(mine.get("accounts/" + other + "/transactions"));
  }

  @Test
  void refusesAnAccountKeyReadingAnotherAccountsUsageAsNotFound() {
    assertAccountNotFound(mine.get("accounts/" + other + "/usage?from=2000-01-01&to=2100-01-01"));
  }

  @Test
  void anotherAccountReadsLikeOneThatDoesNotExist() {
    Api.Reply someoneElses = mine.get("accounts/" + other);
    Api.Reply nobodys = admin.get("accounts/" + (other + 1_000_000));

    assertEquals(nobodys.status(), someoneElses.status());
    assertEquals(nobodys.error(), someoneElses.error());
  }

  @Test
  void refusesAnAccountKeyChargingAnotherAccountAndMovesNothing() {
    int entries = admin.entryCount(other);

    Api.Reply refused = mine.post("usage", usage(other, Api.unique("theirs"), 1500));

    assertAccountNotFound(refused);
    assertEquals(new BigDecimal("1.000000"), admin.balance(own));
    assertEquals(new BigDecimal("1.000000"), admin.balance(other));
    assertEquals(entries, admin.entryCount(other));
    assertUsageEmpty(other);
  }

  @Test
  void refusesAnotherAccountsEventInABatchAndChargesOnlyTheOwnOne() {
    String events =
        "{\"events\":["
            + usage(own, Api.unique("mine"), 1000)
            + ","
            + usage(other, Api.unique("theirs"), 1000)
            + "]}";

    Api.Reply batch = mine.post("usage/batch", events);

    assertEquals(200, batch.status(), batch.body());
    JsonArray results = batch.json().getJsonArray("results");
    assertEquals(201, results.getJsonObject(0).getInt("status"));
    assertEquals(404, results.getJsonObject(1).getInt("status"));
    assertEquals(
        "account_not_found", results.getJsonObject(1).getJsonObject("error").getString("error"));
    assertEquals(new BigDecimal("0.999000"), admin.balance(own));
    assertEquals(new BigDecimal("1.000000"), admin.balance(other));
  }

  @Test
  void refusesAnAccountKeyHoldingAnotherAccountsMoney() {
    Api.Reply refused =
        mine.post(
            "authorizations",
            "{\"accountId\":" + other + ",\"model\":\"" + model + "\",\"durationMs\":1000}");

    assertAccountNotFound(refused);
    assertEquals(new BigDecimal("1.000000"), admin.available(other));
  }

  @Test
  void refusesAnAccountKeyIssuingKeysForAnotherAccount() {
    assertAccountNotFound(mine.post("accounts/" + other + "/api-keys", ""));
  }

  // ---------------------------------------------------------------- service-only calls

  @Test
  void refusesAnAccountKeyOpeningAccounts() {
    long accounts = admin.reconciliation().getJsonNumber("accountsChecked").longValue();
    String email = Api.unique("sneaky") + "@example.com";

    assertForbidden(mine.post("accounts", "{\"email\":\"" + email + "\",\"name\":\"Sneaky\"}"));

    assertEquals(accounts, admin.reconciliation().getJsonNumber("accountsChecked").longValue());
  }

  @Test
  void refusesAnAccountKeyDefiningAModel() {
    String fresh = Api.unique("image");

    assertForbidden(
        mine.put(
            "models/" + fresh,
            "{\"family\":\"image\",\"name\":\"Mine\",\"pricing\":" + PER_SECOND + "}"));
    assertForbidden(
        mine.put(
            "models/" + model,
            "{\"family\":\"image\",\"name\":\"Renamed\",\"pricing\":{\"mode\":\"per_second\","
                + "\"ratePerSecond\":\"0\"}}"));

    assertEquals(404, admin.get("models/" + fresh).status());
    JsonObject unchanged = admin.get("models/" + model).json();
    assertEquals(model, unchanged.getString("name"));
    assertEquals(1, unchanged.getInt("priceVersion"));
    assertEquals("0.001", unchanged.getJsonObject("pricing").getString("ratePerSecond"));
  }

  @Test
  void refusesAnAccountKeyChangingAPrice() {
    Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS);

    assertForbidden(
        mine.put(
            "models/" + model + "/price",
            "{\"pricing\":{\"mode\":\"per_second\",\"ratePerSecond\":\"0\"},\"effectiveFrom\":\""
                + tomorrow
                + "\"}"));

    JsonObject unchanged = admin.get("models/" + model).json();
    assertEquals(1, unchanged.getInt("priceVersion"));
    assertEquals(0, unchanged.getJsonArray("scheduled").size());
  }

  @Test
  void refusesAnAccountKeyAdjustingItsOwnBalance() {
    int entries = admin.entryCount(own);

    assertForbidden(
        mine.post(
            "accounts/" + own + "/adjustments",
            "{\"amount\":\"100\",\"reason\":\"free money\"}",
            "Idempotency-Key",
            Api.unique("self")));

    assertEquals(new BigDecimal("1.000000"), admin.balance(own));
    assertEquals(entries, admin.entryCount(own));
  }

  @Test
  void refusesAnAccountKeyReadingTheReconciliation() {
    assertForbidden(mine.get("reconciliation"));
  }

  // ---------------------------------------------------------------- the service key

  @Test
  void adminKeyActsOnAnyAccount() {
    for (long account : new long[] {own, other}) {
      assertEquals(200, admin.get("accounts/" + account).status());
      assertEquals(200, admin.get("accounts/" + account + "/transactions").status());
      assertEquals(200, admin.get("accounts/" + account + "/usage").status());
      Api.Reply charge = admin.post("usage", usage(account, Api.unique("admin"), 2000));
      assertEquals(201, charge.status(), charge.body());
      Api.Reply credit =
          admin.post(
              "accounts/" + account + "/adjustments",
              "{\"amount\":\"0.5\",\"reason\":\"goodwill\"}",
              "Idempotency-Key",
              Api.unique("goodwill"));
      assertEquals(201, credit.status(), credit.body());
      assertEquals(new BigDecimal("1.498000"), admin.balance(account));
    }
  }

  @Test
  void acceptsTheNextServiceKeyBesideTheCurrentOneDuringARotation() {
    Api next = admin.as(NEXT_SERVICE_KEY);

    Api.Reply byNext = next.post("usage", usage(own, Api.unique("next"), 2000));
    Api.Reply byCurrent = admin.post("usage", usage(own, Api.unique("current"), 3000));

    assertEquals(201, byNext.status(), byNext.body());
    assertEquals("0.002000", byNext.json().getString("amount"));
    assertEquals(201, byCurrent.status(), byCurrent.body());
    assertEquals("0.003000", byCurrent.json().getString("amount"));
    // Both act as the service: on any account, and on what only the service may call.
    assertEquals(200, next.get("accounts/" + other).status());
    assertEquals(200, next.get("reconciliation").status());
    assertEquals(new BigDecimal("0.995000"), next.balance(own));
  }

  @Test
  void refusesAServiceKeyThatNoSettingNames() {
    Api retired = admin.as(RETIRED_SERVICE_KEY);

    assertUnauthenticated(retired.get("models"));
    assertUnauthenticated(retired.post("usage", usage(own, Api.unique("retired"), 2000)));
    assertUnauthenticated(retired.get("reconciliation"));
    assertEquals(new BigDecimal("1.000000"), admin.balance(own));
  }

  // ---------------------------------------------------------------- helpers

  private String usage(long account, String requestId, long durationMs) {
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

  private void assertUsageEmpty(long account) {
    JsonObject report =
        admin.get("accounts/" + account + "/usage?from=2000-01-01&to=2100-01-01").json();
    assertEquals(0, report.getJsonArray("models").size(), report.toString());
  }

  private static void assertUnauthenticated(Api.Reply reply) {
    assertEquals(401, reply.status(), reply.body());
    assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
    assertEquals("unauthenticated", reply.error());
    assertEquals("Bearer", reply.header("WWW-Authenticate"));
  }

  private static void assertAccountNotFound(Api.Reply reply) {
    assertEquals(404, reply.status(), reply.body());
    assertEquals("account_not_found", reply.error());
  }

  private static void assertForbidden(Api.Reply reply) {
    assertEquals(403, reply.status(), reply.body());
    assertEquals("forbidden", reply.error());
    assertFalse(reply.json().getString("message").isBlank());
  }
}
