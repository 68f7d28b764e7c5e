package io.tally.billing.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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
 * Workflow quotas per plan and monthly spend limits per account and key, through HTTP: concurrent
 * calls stop exactly at a quota or a limit, refusals move no money, notices are told once, and a
 * new period or month starts counting again. The server's clock only moves forward and is shared by
 * every test here, so each test uses fresh accounts and reads the month from the server.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LimitsIT {

  /** A per-second model at $0.1/s: a 1,000 ms call costs exactly 0.100000. */
  private static final String TENTH_PER_SECOND =
      "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.1\"}";

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

  // ---------------------------------------------------------------- workflow quota

  @Test
  void atTheQuotaMinusOneEightConcurrentApiRunsAdmitExactlyOne() throws Exception {
    long account = funded("100");
    assertEquals(200, subscribe(account, "PRO_2024").status());
    String customerKey = api.keyOf(account);
    String model = api.newModel("image", TENTH_PER_SECOND);

    setWorkflowUsed(account, 799);
    assertEquals(201, workflow(api, account, model, Api.unique("run"), null).status());
    assertEquals(1, notices(account, "WORKFLOW_QUOTA_WARNING"));
    assertEquals(0, notices(account, "WORKFLOW_QUOTA_REACHED"));

    setWorkflowUsed(account, 999);
    BigDecimal before = api.balance(account);
    List<Api.Reply> replies =
        concurrently(ids("run", 8), requestId -> workflow(api, account, model, requestId, "api"));

    assertEquals(1, count(replies, 201), statuses(replies));
    assertEquals(7, count(replies, 429), statuses(replies));
    for (Api.Reply refused : withStatus(replies, 429)) {
      JsonObject body = refused.json();
      assertEquals("workflow_quota_reached", body.getString("error"));
      assertEquals("PRO", body.getString("upgradeTo"));
      assertEquals(1000, body.getInt("used"));
      assertEquals(1000, body.getInt("quota"));
      assertTrue(body.getString("message").contains("1000"), body.toString());
    }
    assertEquals(before.subtract(new BigDecimal("0.100000")), api.balance(account));

    // Editor runs and single model calls are never limited; API runs stay refused, in a batch too.
    assertEquals(201, workflow(api, account, model, Api.unique("editor"), "editor").status());
    assertEquals(201, call(api, account, model, Api.unique("call"), 1000).status());
    assertEquals(429, workflow(api, account, model, Api.unique("run"), null).status());
    Api.Reply batch =
        api.post(
            "usage/batch",
            "{\"events\":["
                + workflowBody(account, model, Api.unique("batch"), "api")
                + ","
                + workflowBody(account, model, Api.unique("batch"), "editor")
                + "]}");
    JsonArray results = batch.json().getJsonArray("results");
    assertEquals(429, results.getJsonObject(0).getInt("status"), batch.body());
    assertEquals(
        "workflow_quota_reached",
        results.getJsonObject(0).getJsonObject("error").getString("error"));
    assertEquals(201, results.getJsonObject(1).getInt("status"), batch.body());
    assertEquals(
        before.subtract(new BigDecimal("0.400000")),
        api.balance(account),
        "one API run, one editor run, one model call and one editor run in the batch");
    assertEquals(1, notices(account, "WORKFLOW_QUOTA_WARNING"));
    assertEquals(1, notices(account, "WORKFLOW_QUOTA_REACHED"));

    Map<String, JsonObject> plans = plans(api.as(customerKey).get("plans"));
    assertEquals(1000, plans.get("PRO_2024").getInt("workflowQuota"));
    assertEquals(1000, plans.get("PRO_2024").getInt("workflowUsed"));
    assertFalse(plans.get("PRO").containsKey("workflowQuota"));
    assertFalse(plans.get("PRO").containsKey("workflowUsed"));
    assertFalse(
        plans(api.get("plans")).get("PRO_2024").containsKey("workflowUsed"),
        "the service key without an account sees the plans alone");

    // The next period counts afresh.
    passPeriodEnd(account);
    assertEquals(200, api.post("test-support/subscriptions/renewals", "").status());
    assertEquals(201, workflow(api, account, model, Api.unique("run"), null).status());
    assertEquals(1, plans(api.as(customerKey).get("plans")).get("PRO_2024").getInt("workflowUsed"));
  }

  @Test
  void aSourceOtherThanApiOrEditorIsRefusedNamingSource() {
    long account = funded("10");
    String model = api.newModel("image", TENTH_PER_SECOND);

    Api.Reply reply = api.post("usage", workflowBody(account, model, Api.unique("run"), "studio"));

    assertEquals(400, reply.status(), reply.body());
    assertEquals("source", reply.json().getString("field"));
    assertEquals(new BigDecimal("11.000000"), api.balance(account));
  }

  // ---------------------------------------------------------------- spend limits

  @Test
  void thirtyTwoConcurrentCallsStopExactlyAtTheKeyLimit() throws Exception {
    long account = funded("100");
    JsonObject issued = issueKey(account);
    long keyId = issued.getJsonNumber("id").longValue();
    Api customer = api.as(issued.getString("key"));
    String model = api.newModel("image", TENTH_PER_SECOND);
    Api.Reply set = customer.put(keyLimitPath(account, keyId), "{\"limit\":\"1\"}");
    assertEquals(200, set.status(), set.body());
    assertEquals("key", set.json().getString("scope"));
    assertEquals("1.000000", set.json().getString("limit"));
    assertEquals("0.000000", set.json().getString("spent"));
    BigDecimal before = api.balance(account);

    // Half the calls are made with the key itself, half by the gateway naming it.
    List<String> requestIds = new ArrayList<>(ids("self", 16));
    requestIds.addAll(ids("gateway", 16));
    List<Api.Reply> replies =
        concurrently(
            requestIds,
            requestId ->
                requestId.startsWith("self")
                    ? call(customer, account, model, requestId, 1000)
                    : api.post(
                        "usage",
                        callBody(account, model, requestId, 1000)
                            .replace("}", ",\"apiKeyId\":" + keyId + "}")));

    assertEquals(10, count(replies, 201), statuses(replies));
    assertEquals(22, count(replies, 402), statuses(replies));
    for (Api.Reply refused : withStatus(replies, 402)) {
      JsonObject body = refused.json();
      assertEquals("spend_limit_reached", body.getString("error"));
      assertEquals("key", body.getString("scope"));
      assertEquals("1.000000", body.getString("limit"));
      assertEquals("1.000000", body.getString("spent"));
    }
    assertEquals(before.subtract(new BigDecimal("1.000000")), api.balance(account));
    assertEquals("1.000000", customer.get(keyLimitPath(account, keyId)).json().getString("spent"));
    JsonObject accountLimit = customer.get("accounts/" + account + "/spend-limit").json();
    assertEquals("1.000000", accountLimit.getString("spent"));
    assertFalse(accountLimit.containsKey("limit"));
    assertEquals(1, notices(account, "SPEND_LIMIT_WARNING"));
    assertEquals(1, notices(account, "SPEND_LIMIT_REACHED"));

    // Another key of the account has no limit of its own; the account has none either.
    Api other = api.as(api.keyOf(account));
    assertEquals(201, call(other, account, model, Api.unique("other"), 1000).status());
  }

  @Test
  void thirtyTwoConcurrentCallsStopExactlyAtTheAccountLimitAndSoDoHoldsAndBatches()
      throws Exception {
    long account = funded("100");
    String model = api.newModel("image", TENTH_PER_SECOND);
    Api.Reply set = api.put("accounts/" + account + "/spend-limit", "{\"limit\":\"2.000000\"}");
    assertEquals(200, set.status(), set.body());
    assertEquals("account", set.json().getString("scope"));
    BigDecimal before = api.balance(account);

    List<Api.Reply> replies =
        concurrently(ids("call", 32), requestId -> call(api, account, model, requestId, 1000));

    assertEquals(20, count(replies, 201), statuses(replies));
    assertEquals(12, count(replies, 402), statuses(replies));
    for (Api.Reply refused : withStatus(replies, 402)) {
      JsonObject body = refused.json();
      assertEquals("spend_limit_reached", body.getString("error"));
      assertEquals("account", body.getString("scope"));
      assertEquals("2.000000", body.getString("limit"));
      assertEquals("2.000000", body.getString("spent"));
    }
    assertEquals(before.subtract(new BigDecimal("2.000000")), api.balance(account));
    Api.Reply hold =
        api.post(
            "authorizations",
            "{\"accountId\":" + account + ",\"model\":\"" + model + "\",\"durationMs\":1000}");
    assertEquals(402, hold.status(), hold.body());
    assertEquals("spend_limit_reached", hold.error());
    assertEquals(api.balance(account), api.available(account), "no hold was placed");

    // Raised by 0.5: of seven batched calls, five fit.
    assertEquals(
        200, api.put("accounts/" + account + "/spend-limit", "{\"limit\":\"2.5\"}").status());
    StringBuilder events = new StringBuilder("{\"events\":[");
    for (int i = 0; i < 7; i++) {
      events.append(i == 0 ? "" : ",").append(callBody(account, model, Api.unique("b"), 1000));
    }
    JsonArray results = api.post("usage/batch", events + "]}").json().getJsonArray("results");
    for (int i = 0; i < 7; i++) {
      JsonObject result = results.getJsonObject(i);
      assertEquals(i < 5 ? 201 : 402, result.getInt("status"), result.toString());
    }
    assertEquals("2.500000", results.getJsonObject(6).getJsonObject("error").getString("spent"));
    assertEquals(before.subtract(new BigDecimal("2.500000")), api.balance(account));
    assertEquals(1, notices(account, "SPEND_LIMIT_WARNING"));
    assertEquals(1, notices(account, "SPEND_LIMIT_REACHED"));
  }

  @Test
  void aBatchPostedWithAKeyStopsAtItsLimitAndStillSettlesAHold() {
    long account = funded("100");
    JsonObject issued = issueKey(account);
    long keyId = issued.getJsonNumber("id").longValue();
    Api customer = api.as(issued.getString("key"));
    String model = api.newModel("image", TENTH_PER_SECOND);
    assertEquals(200, customer.put(keyLimitPath(account, keyId), "{\"limit\":\"0.5\"}").status());
    Api.Reply hold =
        api.post(
            "authorizations",
            "{\"accountId\":" + account + ",\"model\":\"" + model + "\",\"durationMs\":3000}");
    assertEquals(201, hold.status(), hold.body());
    long holdId = hold.json().getJsonNumber("id").longValue();
    BigDecimal before = api.balance(account);

    // Seven calls of 0.1 on a key limited to 0.5, then the call the hold was placed for: the
    // batch's events share transactions, and each keeps the single call's rules.
    StringBuilder events = new StringBuilder("{\"events\":[");
    for (int i = 0; i < 7; i++) {
      events.append(i == 0 ? "" : ",").append(callBody(account, model, Api.unique("k"), 1000));
    }
    events
        .append(",")
        .append(
            callBody(account, model, Api.unique("settle"), 3000)
                .replace("}", ",\"authorizationId\":" + holdId + "}"));
    JsonArray results = customer.post("usage/batch", events + "]}").json().getJsonArray("results");

    for (int i = 0; i < 7; i++) {
      JsonObject result = results.getJsonObject(i);
      assertEquals(i < 5 ? 201 : 402, result.getInt("status"), result.toString());
    }
    JsonObject refused = results.getJsonObject(6).getJsonObject("error");
    assertEquals("spend_limit_reached", refused.getString("error"));
    assertEquals("key", refused.getString("scope"));
    assertEquals("0.500000", refused.getString("limit"));
    assertEquals("0.500000", refused.getString("spent"));
    assertEquals(201, results.getJsonObject(7).getInt("status"), results.toString());
    assertEquals("0.300000", results.getJsonObject(7).getJsonObject("charge").getString("amount"));
    assertEquals(before.subtract(new BigDecimal("0.800000")), api.balance(account));
    assertEquals(api.balance(account), api.available(account), "the hold was settled");
    assertEquals("0.800000", customer.get(keyLimitPath(account, keyId)).json().getString("spent"));
  }

  @Test
  void aHoldReservesItsAmountAgainstTheLimitAndTheChargeSettlingItAlwaysSettles() {
    long account = funded("100");
    String model = api.newModel("image", TENTH_PER_SECOND);
    api.put("accounts/" + account + "/spend-limit", "{\"limit\":\"1\"}");
    Api.Reply hold =
        api.post(
            "authorizations",
            "{\"accountId\":" + account + ",\"model\":\"" + model + "\",\"durationMs\":6000}");
    assertEquals(201, hold.status(), hold.body());
    long holdId = hold.json().getJsonNumber("id").longValue();

    Api.Reply past = call(api, account, model, Api.unique("call"), 5000);
    assertEquals(402, past.status(), "0.6 held + 0.5 would pass 1.0: " + past.body());
    assertEquals("account", past.json().getString("scope"));
    Api.Reply settled =
        api.post(
            "usage",
            callBody(account, model, Api.unique("settle"), 9000)
                .replace("}", ",\"authorizationId\":" + holdId + "}"));
    assertEquals(201, settled.status(), settled.body());
    assertEquals(402, call(api, account, model, Api.unique("call"), 2000).status());
    assertEquals(201, call(api, account, model, Api.unique("call"), 1000).status());
    assertEquals(
        "1.000000", api.get("accounts/" + account + "/spend-limit").json().getString("spent"));
    assertEquals(new BigDecimal("100.000000"), api.balance(account));
  }

  @Test
  void aPostPaidAccountUsesItsLimitAsABudgetBelowItsCreditLimit() {
    long account =
        api.newAccount(
            "{\"email\":\""
                + Api.unique("post")
                + "@example.com\",\"name\":\"Post\",\"billingMode\":\"POSTPAID\","
                + "\"creditLimit\":\"100\"}");
    String model = api.newModel("image", TENTH_PER_SECOND);
    assertEquals(
        200, api.put("accounts/" + account + "/spend-limit", "{\"limit\":\"0.3\"}").status());

    for (int i = 0; i < 3; i++) {
      assertEquals(201, call(api, account, model, Api.unique("call"), 1000).status());
    }
    Api.Reply refused = call(api, account, model, Api.unique("call"), 1000);

    assertEquals(402, refused.status(), refused.body());
    assertEquals("spend_limit_reached", refused.error());
    assertEquals(new BigDecimal("-0.300000"), api.balance(account));
  }

  @Test
  void spendingStartsAgainWithTheCalendarMonth() {
    long account = funded("100");
    JsonObject issued = issueKey(account);
    long keyId = issued.getJsonNumber("id").longValue();
    Api customer = api.as(issued.getString("key"));
    String model = api.newModel("image", TENTH_PER_SECOND);
    customer.put("accounts/" + account + "/spend-limit", "{\"limit\":\"0.2\"}");
    customer.put(keyLimitPath(account, keyId), "{\"limit\":\"0.1\"}");
    assertEquals(201, call(customer, account, model, Api.unique("call"), 1000).status());
    Api.Reply byKey = call(customer, account, model, Api.unique("call"), 1000);
    assertEquals("key", byKey.json().getString("scope"), byKey.body());
    assertEquals(201, call(api, account, model, Api.unique("call"), 1000).status());
    Api.Reply byAccount = call(api, account, model, Api.unique("call"), 1000);
    assertEquals("account", byAccount.json().getString("scope"), byAccount.body());
    String month = customer.get("accounts/" + account + "/spend-limit").json().getString("month");

    Instant now = Instant.parse(api.post("test-support/clock?seconds=0", "").body());
    Instant nextMonth =
        LocalDate.ofInstant(now, ZoneOffset.UTC)
            .withDayOfMonth(1)
            .plusMonths(1)
            .atStartOfDay(ZoneOffset.UTC)
            .toInstant()
            .plusSeconds(60);
    api.advanceClock(Duration.between(now, nextMonth));

    assertEquals(201, call(customer, account, model, Api.unique("call"), 1000).status());
    assertEquals(201, call(api, account, model, Api.unique("call"), 1000).status());
    JsonObject accountLimit = customer.get("accounts/" + account + "/spend-limit").json();
    assertEquals("0.200000", accountLimit.getString("spent"));
    assertFalse(month.equals(accountLimit.getString("month")), accountLimit.toString());
    assertEquals("0.100000", customer.get(keyLimitPath(account, keyId)).json().getString("spent"));
    assertEquals(402, call(customer, account, model, Api.unique("call"), 1000).status());
    assertEquals(new BigDecimal("100.600000"), api.balance(account));
  }

  @Test
  void badLimitsAreRefusedNamingLimitAndChangeNothing() {
    long account = funded("10");
    JsonObject issued = issueKey(account);
    long keyId = issued.getJsonNumber("id").longValue();
    Api customer = api.as(issued.getString("key"));
    String accountPath = "accounts/" + account + "/spend-limit";
    assertEquals(200, customer.put(accountPath, "{\"limit\":\"1.5\"}").status());
    assertEquals(200, customer.put(keyLimitPath(account, keyId), "{\"limit\":1.5}").status());

    for (String bad :
        List.of(
            "{\"limit\":\"-1\"}",
            "{\"limit\":-0.000001}",
            "{\"limit\":\"1.0000001\"}",
            "{\"limit\":\"abc\"}",
            "{\"limit\":true}",
            "{\"limit\":{}}")) {
      for (String path : List.of(accountPath, keyLimitPath(account, keyId))) {
        Api.Reply reply = customer.put(path, bad);
        assertEquals(400, reply.status(), bad + " " + reply.body());
        assertEquals("limit", reply.json().getString("field"), bad + " " + reply.body());
      }
    }
    assertEquals("1.500000", customer.get(accountPath).json().getString("limit"));
    assertEquals("1.500000", customer.get(keyLimitPath(account, keyId)).json().getString("limit"));

    // Another account's key, or another account, reads as not found.
    long stranger = funded("10");
    long strangerKey = issueKey(stranger).getJsonNumber("id").longValue();
    assertEquals(404, customer.put(keyLimitPath(account, strangerKey), "{}").status());
    assertEquals(404, customer.put("accounts/" + stranger + "/spend-limit", "{}").status());
    assertEquals(404, customer.get(keyLimitPath(stranger, strangerKey)).status());
    String model = api.newModel("image", TENTH_PER_SECOND);
    Api.Reply foreignKey =
        api.post(
            "usage",
            callBody(account, model, Api.unique("call"), 1000)
                .replace("}", ",\"apiKeyId\":" + strangerKey + "}"));
    assertEquals(404, foreignKey.status(), foreignKey.body());
    assertEquals("apiKeyId", foreignKey.json().getString("field"));
    Api.Reply otherKey =
        customer.post(
            "usage",
            callBody(account, model, Api.unique("call"), 1000)
                .replace("}", ",\"apiKeyId\":" + strangerKey + "}"));
    assertEquals(400, otherKey.status(), otherKey.body());
    assertEquals("apiKeyId", otherKey.json().getString("field"));
    assertEquals(new BigDecimal("11.000000"), api.balance(account));

    // Clearing: null or absent; clearing twice changes (and audits) nothing more.
    assertFalse(customer.put(accountPath, "{\"limit\":null}").json().containsKey("limit"));
    assertFalse(customer.put(accountPath, "{}").json().containsKey("limit"));
    assertFalse(customer.put(keyLimitPath(account, keyId), "{}").json().containsKey("limit"));
    JsonArray audited =
        api.get("audit?account=" + account + "&action=spend_limit.changed")
            .json()
            .getJsonArray("items");
    assertEquals(4, audited.size(), audited.toString());
  }

  // ---------------------------------------------------------------- helpers

  private long funded(String amount) {
    long account = api.newAccount();
    Api.Reply funded =
        api.post(
            "accounts/" + account + "/adjustments",
            "{\"amount\":\"" + amount + "\",\"reason\":\"limits test\"}",
            "Idempotency-Key",
            Api.unique("fund"));
    assertEquals(201, funded.status(), funded.body());
    return account;
  }

  private JsonObject issueKey(long account) {
    Api.Reply reply = api.post("accounts/" + account + "/api-keys", "");
    assertEquals(201, reply.status(), reply.body());
    return reply.json();
  }

  private static String keyLimitPath(long account, long keyId) {
    return "accounts/" + account + "/api-keys/" + keyId + "/spend-limit";
  }

  private Api.Reply subscribe(long account, String plan) {
    return api.exchange(
        "PUT",
        "accounts/" + account + "/subscription",
        "{\"plan\":\"" + plan + "\",\"paymentMethod\":\"pm_card_visa\"}",
        "Content-Type",
        "application/json",
        "Idempotency-Key",
        Api.unique("sub"));
  }

  private void setWorkflowUsed(long account, int used) {
    Api.Reply reply =
        api.exchange("PUT", "test-support/workflow-quota/" + account + "/used?value=" + used, null);
    assertEquals("1", reply.body());
  }

  /** Moves the server's clock a minute past the end of the account's current period. */
  private void passPeriodEnd(long account) {
    Instant end =
        Instant.parse(
            api.get("accounts/" + account + "/subscription").json().getString("currentPeriodEnd"));
    Instant now = Instant.parse(api.post("test-support/clock?seconds=0", "").body());
    if (now.isBefore(end.plusSeconds(60))) {
      api.advanceClock(Duration.between(now, end.plusSeconds(60)));
    }
  }

  private static String callBody(long account, String model, String requestId, long durationMs) {
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

  private static Api.Reply call(
      Api as, long account, String model, String requestId, long durationMs) {
    return as.post("usage", callBody(account, model, requestId, durationMs));
  }

  private static String workflowBody(long account, String model, String requestId, String source) {
    return "{\"requestId\":\""
        + requestId
        + "\",\"accountId\":"
        + account
        + ",\"workflow\":\"wf\",\"parts\":[{\"model\":\""
        + model
        + "\",\"durationMs\":1000}]"
        + (source == null ? "" : ",\"source\":\"" + source + "\"")
        + "}";
  }

  private static Api.Reply workflow(
      Api as, long account, String model, String requestId, String source) {
    return as.post("usage", workflowBody(account, model, requestId, source));
  }

  private static Map<String, JsonObject> plans(Api.Reply reply) {
    assertEquals(200, reply.status(), reply.body());
    return reply.array().stream()
        .map(JsonValue::asJsonObject)
        .collect(Collectors.toMap(plan -> plan.getString("id"), plan -> plan));
  }

  private long notices(long account, String type) {
    return api.get("test-support/stored-notifications?accountId=" + account).array().stream()
        .map(JsonValue::asJsonObject)
        .filter(notice -> type.equals(notice.getString("type")))
        .count();
  }

  private static List<String> ids(String prefix, int count) {
    return IntStream.range(0, count).mapToObj(i -> Api.unique(prefix)).toList();
  }

  private static long count(List<Api.Reply> replies, int status) {
    return replies.stream().filter(reply -> reply.status() == status).count();
  }

  private static List<Api.Reply> withStatus(List<Api.Reply> replies, int status) {
    return replies.stream().filter(reply -> reply.status() == status).toList();
  }

  private static String statuses(List<Api.Reply> replies) {
    return replies.stream().map(reply -> reply.status() + " " + reply.body()).toList().toString();
  }

  /** Runs {@code task} on every input at once (released together); answers results in order. */
  private static <T, R> List<R> concurrently(List<T> inputs, Function<T, R> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(inputs.size());
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<R>> futures = new ArrayList<>();
      for (T input : inputs) {
        Callable<R> call =
            () -> {
              go.await();
              return task.apply(input);
            };
        futures.add(pool.submit(call));
      }
      go.countDown();
      List<R> results = new ArrayList<>();
      for (Future<R> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
