package io.tally.billing.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Card recharges and auto-recharge through HTTP, paid by the sandbox gateway. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PaymentsIT {

  private static final Duration ASYNC_BOUND = Duration.ofSeconds(30);

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.tally();
  }

  @ArquillianResource URL base;

  Api api;

  static MailBox mailBox;

  @BeforeAll
  static void startMailServer() {
    mailBox = MailBox.start();
  }

  @AfterAll
  static void stopMailServer() {
    mailBox.close();
  }

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
  void rechargeWithVisaCreditsExactlyTheAmountOnceAndAReplayAnswersTheSameBody() {
    long account = api.newAccount();
    Api customer = api.as(api.keyOf(account));

    Api.Reply first =
        recharge(
            customer, account, "{\"amount\":\"10\",\"paymentMethod\":\"pm_card_visa\"}", "r-1");

    assertEquals(201, first.status(), first.body());
    JsonObject body = first.json();
    assertEquals(account, body.getJsonNumber("accountId").longValue());
    assertEquals("10.000000", body.getString("amount"));
    assertEquals("pm_card_visa", body.getString("paymentMethod"));
    assertEquals("SUCCEEDED", body.getString("status"));
    assertTrue(body.getString("paymentId").startsWith("pi_sandbox_"), body.toString());
    assertEquals("11.000000", body.getString("balance"));
    assertEquals(new BigDecimal("11.000000"), api.balance(account));

    Api.Reply replay =
        recharge(customer, account, "{\"amount\":10.00,\"paymentMethod\":\"pm_card_visa\"}", "r-1");
    assertEquals(200, replay.status(), replay.body());
    assertEquals(first.body(), replay.body());
    assertEquals(new BigDecimal("11.000000"), api.balance(account));
    assertEquals(1, rechargeEntries(account));
    assertEquals(1, notices(account, "RECHARGE_SUCCEEDED"));

    Api.Reply second =
        recharge(
            api, account, "{\"amount\":\"2.50\",\"paymentMethod\":\"pm_card_mastercard\"}", "r-2");
    assertEquals(201, second.status(), second.body());
    assertEquals("13.500000", second.json().getString("balance"));
    assertEquals(2, rechargeEntries(account));
  }

  @Test
  void aReplayAnswersTheFirstRechargeEvenAfterTheBalanceChanged() {
    long account = api.newAccount();
    String body = "{\"amount\":\"10\",\"paymentMethod\":\"pm_card_visa\"}";
    Api.Reply first = recharge(api, account, body, "before-spending");
    assertEquals(201, first.status(), first.body());
    Api.Reply debit =
        api.post(
            "accounts/" + account + "/adjustments",
            "{\"amount\":\"-10.5\",\"reason\":\"spent\"}",
            "Idempotency-Key",
            Api.unique("spend"));
    assertEquals(201, debit.status(), debit.body());
    assertEquals(new BigDecimal("0.500000"), api.balance(account));

    Api.Reply replay = recharge(api, account, body, "before-spending");

    assertEquals(200, replay.status(), replay.body());
    assertEquals(first.body(), replay.body());
    assertEquals("11.000000", replay.json().getString("balance"));
    assertEquals(new BigDecimal("0.500000"), api.balance(account));
    assertEquals(1, rechargeEntries(account));
  }

  @Test
  void aRechargeWhoseProcessorTimesOutIsPendingAndTheSameKeyCreditsItOnce() {
    long account = api.newAccount();
    String body = "{\"amount\":\"10\",\"paymentMethod\":\"pm_card_timeout\"}";

    Api.Reply pending = recharge(api, account, body, "slow-1");

    assertEquals(202, pending.status(), pending.body());
    assertEquals("PENDING", pending.json().getString("status"));
    assertEquals("10.000000", pending.json().getString("amount"));
    assertEquals(new BigDecimal("1.000000"), api.balance(account));
    assertEquals(0, rechargeEntries(account));
    Api.Reply otherAmount =
        recharge(
            api, account, "{\"amount\":\"11\",\"paymentMethod\":\"pm_card_timeout\"}", "slow-1");
    assertEquals(422, otherAmount.status(), otherAmount.body());
    assertEquals("idempotency_key_reused", otherAmount.error());

    Api.Reply resolved = recharge(api, account, body, "slow-1");

    assertEquals(200, resolved.status(), resolved.body());
    assertEquals("SUCCEEDED", resolved.json().getString("status"));
    assertEquals("11.000000", resolved.json().getString("balance"));
    assertEquals(pending.json().getJsonNumber("id"), resolved.json().getJsonNumber("id"));
    api.post("test-support/payments/sweep", "");
    Api.Reply replay = recharge(api, account, body, "slow-1");
    assertEquals(200, replay.status(), replay.body());
    assertEquals(resolved.body(), replay.body());
    assertEquals(new BigDecimal("11.000000"), api.balance(account));
    assertEquals(1, rechargeEntries(account));
    assertEquals(1, notices(account, "RECHARGE_SUCCEEDED"));
    assertEquals(0, notices(account, "RECHARGE_FAILED"));
  }

  @Test
  void theSweepResolvesAPendingRechargeOnceAndAPendingDeclineCreditsNothing() {
    long account = api.newAccount();
    String paid = "{\"amount\":\"10\",\"paymentMethod\":\"pm_card_timeout\"}";
    String declined = "{\"amount\":\"20\",\"paymentMethod\":\"pm_card_timeout_declined\"}";
    assertEquals(202, recharge(api, account, paid, "sweep-paid").status());
    assertEquals(202, recharge(api, account, declined, "sweep-declined").status());
    api.post("test-support/payments/sweep", "");
    assertEquals(new BigDecimal("1.000000"), api.balance(account), "within the grace period");

    api.advanceClock(Duration.ofMinutes(10));
    api.post("test-support/payments/sweep", "");
    api.post("test-support/payments/sweep", "");

    assertEquals(new BigDecimal("11.000000"), api.balance(account));
    assertEquals(1, rechargeEntries(account));
    Api.Reply paidReplay = recharge(api, account, paid, "sweep-paid");
    assertEquals(200, paidReplay.status(), paidReplay.body());
    assertEquals("SUCCEEDED", paidReplay.json().getString("status"));
    assertEquals("11.000000", paidReplay.json().getString("balance"));
    Api.Reply declinedReplay = recharge(api, account, declined, "sweep-declined");
    assertEquals(402, declinedReplay.status(), declinedReplay.body());
    assertEquals("card_declined", declinedReplay.error());
    assertEquals(new BigDecimal("11.000000"), api.balance(account));
    assertEquals(1, notices(account, "RECHARGE_SUCCEEDED"));
    assertEquals(1, notices(account, "RECHARGE_FAILED"));
  }

  @Test
  void anAutoRechargeWhoseProcessorTimesOutIsCreditedOnceByTheSweep() {
    long account = fundedAccount("5");
    String model = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.01\"}");
    assertEquals(
        200,
        api.put(
                "accounts/" + account + "/auto-recharge",
                autoRecharge("5", "20", "pm_card_timeout"))
            .status());

    assertEquals(201, charge(account, model, "cross-slow", 150_000).status());
    await(() -> recharges(account) == 1, "auto-recharge recorded");
    api.advanceClock(Duration.ofMinutes(10));
    awaitSweepCredits(account, "24.500000");

    api.post("test-support/payments/sweep", "");
    assertEquals(new BigDecimal("24.500000"), api.balance(account));
    assertEquals(1, rechargeEntries(account));
    assertEquals(1, recharges(account));
    assertTrue(autoRechargeOf(account).getBoolean("enabled"));
    assertEquals(1, notices(account, "RECHARGE_SUCCEEDED"));
  }

  @Test
  void declinedCardsAnswer402WithTheProcessorsCodeAndCreditNothing() {
    long account = api.newAccount();

    Api.Reply declined =
        recharge(api, account, "{\"amount\":\"10\",\"paymentMethod\":\"pm_card_declined\"}", "d-1");
    assertEquals(402, declined.status(), declined.body());
    assertEquals("card_declined", declined.error());
    assertFalse(declined.json().getString("message").isBlank());

    Api.Reply replay =
        recharge(api, account, "{\"amount\":\"10\",\"paymentMethod\":\"pm_card_declined\"}", "d-1");
    assertEquals(402, replay.status(), replay.body());
    assertEquals(declined.body(), replay.body());

    Api.Reply poor =
        recharge(
            api,
            account,
            "{\"amount\":\"10\",\"paymentMethod\":\"pm_card_insufficient_funds\"}",
            "d-2");
    assertEquals(402, poor.status(), poor.body());
    assertEquals("insufficient_funds", poor.error());

    assertEquals(new BigDecimal("1.000000"), api.balance(account));
    assertEquals(0, rechargeEntries(account));
    assertEquals(2, notices(account, "RECHARGE_FAILED"));
    assertEquals(0, notices(account, "RECHARGE_SUCCEEDED"));
  }

  @Test
  void theSameKeyWithAnotherAmountOrCardIsRefused() {
    long account = api.newAccount();
    assertEquals(
        201,
        recharge(api, account, "{\"amount\":\"5\",\"paymentMethod\":\"pm_card_visa\"}", "k")
            .status());

    Api.Reply otherAmount =
        recharge(api, account, "{\"amount\":\"6\",\"paymentMethod\":\"pm_card_visa\"}", "k");
    Api.Reply otherCard =
        recharge(api, account, "{\"amount\":\"5\",\"paymentMethod\":\"pm_card_mastercard\"}", "k");

    assertEquals(422, otherAmount.status(), otherAmount.body());
    assertEquals("idempotency_key_reused", otherAmount.error());
    assertEquals(422, otherCard.status(), otherCard.body());
    assertEquals(new BigDecimal("6.000000"), api.balance(account));
    assertEquals(1, rechargeEntries(account));
  }

  @Test
  void oneKeySentByTenClientsAtOnceCreditsOnce() throws Exception {
    long account = api.newAccount();
    String body = "{\"amount\":\"10\",\"paymentMethod\":\"pm_card_visa\"}";

    List<Api.Reply> replies = together(10, client -> recharge(api, account, body, "same"));

    long created = replies.stream().filter(reply -> reply.status() == 201).count();
    assertEquals(1, created, replies.toString());
    for (Api.Reply reply : replies) {
      assertTrue(
          reply.status() == 201
              || reply.status() == 200
              || reply.status() == 409 && "recharge_in_progress".equals(reply.error()),
          reply.body());
    }
    assertEquals(new BigDecimal("11.000000"), api.balance(account));
    assertEquals(1, rechargeEntries(account));
    assertEquals(200, recharge(api, account, body, "same").status());
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndWritesNothing() {
    long account = api.newAccount();
    String[][] cases = {
      {"{\"amount\":\"0.99\",\"paymentMethod\":\"pm_card_visa\"}", "amount"},
      {"{\"amount\":\"10000.01\",\"paymentMethod\":\"pm_card_visa\"}", "amount"},
      {"{\"amount\":\"10.005\",\"paymentMethod\":\"pm_card_visa\"}", "amount"},
      {"{\"amount\":\"-5\",\"paymentMethod\":\"pm_card_visa\"}", "amount"},
      {"{\"amount\":\"ten\",\"paymentMethod\":\"pm_card_visa\"}", "amount"},
      {"{\"paymentMethod\":\"pm_card_visa\"}", "amount"},
      {"{\"amount\":\"10\"}", "paymentMethod"},
      {"{\"amount\":\"10\",\"paymentMethod\":\"4242 4242 4242 4242\"}", "paymentMethod"},
      {"{\"amount\":\"10\",\"paymentMethod\":7}", "paymentMethod"},
      {"{\"amount\":\"10\",\"paymentMethod\":\"pm_card_visa\",\"currency\":\"eur\"}", "currency"},
    };
    for (String[] bad : cases) {
      Api.Reply reply = recharge(api, account, bad[0], Api.unique("bad"));
      assertEquals(400, reply.status(), bad[0] + " -> " + reply.body());
      assertEquals(bad[1], reply.json().getString("field"), bad[0] + " -> " + reply.body());
    }
    Api.Reply noKey =
        api.post(
            "accounts/" + account + "/recharges",
            "{\"amount\":\"10\",\"paymentMethod\":\"pm_card_visa\"}");
    assertEquals(400, noKey.status(), noKey.body());
    assertEquals("idempotency_key_required", noKey.error());

    assertEquals(0, recharges(account));
    assertEquals(new BigDecimal("1.000000"), api.balance(account));
    assertEquals(1, api.entryCount(account));
  }

  @Test
  void anotherAccountsKeyFindsNoAccount() {
    long mine = api.newAccount();
    long theirs = api.newAccount();
    Api other = api.as(api.keyOf(theirs));
    String body = "{\"amount\":\"10\",\"paymentMethod\":\"pm_card_visa\"}";

    Api.Reply recharge = recharge(other, mine, body, "x");
    Api.Reply settings =
        other.put("accounts/" + mine + "/auto-recharge", autoRecharge("5", "20", "pm_card_visa"));
    Api.Reply nobody = recharge(api.as(null), mine, body, "y");

    assertEquals(404, recharge.status(), recharge.body());
    assertEquals(404, settings.status(), settings.body());
    assertEquals(401, nobody.status(), nobody.body());
    assertEquals(404, recharge(api, 999_999_999L, body, "z").status());
    assertEquals(0, recharges(mine));
    assertFalse(autoRechargeOf(mine).getBoolean("enabled"));
  }

  @Test
  void sixtyFourChargesCrossingTheThresholdTogetherRechargeOnce() throws Exception {
    long account = fundedAccount("5");
    String model = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.01\"}");
    Api customer = api.as(api.keyOf(account));
    Api.Reply saved =
        customer.put(
            "accounts/" + account + "/auto-recharge", autoRecharge("5", "20", "pm_card_visa"));
    assertEquals(200, saved.status(), saved.body());
    assertEquals("5.000000", saved.json().getString("threshold"));
    JsonObject settings = autoRechargeOf(account);
    assertTrue(settings.getBoolean("enabled"));
    assertEquals("20.000000", settings.getString("amount"));
    assertEquals("pm_card_visa", settings.getString("paymentMethod"));

    // 64 charges of $0.05 take $6.00 to $2.80: one crossing of $5, wherever the recharge lands.
    List<Api.Reply> charges = together(64, client -> charge(account, model, "c" + client, 5000));

    charges.forEach(reply -> assertEquals(201, reply.status(), reply.body()));
    awaitBalance(account, "22.800000");
    assertEquals(1, rechargeEntries(account));
    api.advanceClock(Duration.ofMinutes(10));
    api.post("test-support/payments/sweep", "");
    api.post("test-support/payments/sweep", "");
    assertEquals(1, rechargeEntries(account));
    assertEquals(new BigDecimal("22.800000"), api.balance(account));
    assertEquals(1, notices(account, "RECHARGE_SUCCEEDED"));
    assertTrue(autoRechargeOf(account).getBoolean("enabled"));
  }

  @Test
  void oneCrossingSeenByManyObserversAtOnceIsPaidOnceEvenWhenTheServerStoppedBeforePaying()
      throws Exception {
    long account = fundedAccount("5");
    String settings = autoRecharge("5", "20", "pm_card_visa");
    assertEquals(200, api.put("accounts/" + account + "/auto-recharge", settings).status());
    String crossing = "test-support/payments/crossing?account=" + account + "&before=6&after=4";

    // Sixteen observers (or servers) record the same crossing at once, and none of them pays: as
    // if every server stopped right after recording it.
    List<String> recorded = together(16, observer -> api.post(crossing, "").body().strip());

    assertEquals(15, recorded.stream().filter("null"::equals).count(), recorded.toString());
    assertEquals(1, recharges(account));
    assertEquals(new BigDecimal("6.000000"), api.balance(account));

    api.advanceClock(Duration.ofMinutes(10));
    api.post("test-support/payments/sweep", "");
    api.post("test-support/payments/sweep", "");

    assertEquals(new BigDecimal("26.000000"), api.balance(account));
    assertEquals(1, rechargeEntries(account));
    assertEquals(1, recharges(account));
    assertEquals(1, notices(account, "RECHARGE_SUCCEEDED"));
  }

  private static String subject(MimeMessage mail) {
    try {
      return mail.getSubject();
    } catch (MessagingException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aDecliningCardTurnsAutoRechargeOffAndMailsOnce() {
    long account = fundedAccount("5");
    String model = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.01\"}");
    assertEquals(
        200,
        api.put(
                "accounts/" + account + "/auto-recharge",
                autoRecharge("5", "20", "pm_card_declined"))
            .status());
    Scrape before = Scrape.of(base);

    assertEquals(201, charge(account, model, "cross", 150_000).status());
    await(() -> !autoRechargeOf(account).getBoolean("enabled"), "auto-recharge turned off");
    String declined = "tally_auto_recharges_total";
    assertEquals(
        1,
        Scrape.of(base).value(declined, "outcome", "declined")
            - before.value(declined, "outcome", "declined"));
    assertEquals(201, charge(account, model, "after", 10_000).status());
    api.advanceClock(Duration.ofMinutes(10));
    api.post("test-support/payments/sweep", "");

    assertEquals(new BigDecimal("4.400000"), api.balance(account));
    assertEquals(0, rechargeEntries(account));
    assertEquals(1, notices(account, "AUTO_RECHARGE_DISABLED"));
    assertEquals(0, notices(account, "RECHARGE_FAILED"));
    assertEquals(1, recharges(account));
    String email = api.get("accounts/" + account).json().getString("email");
    List<MimeMessage> mails = mailBox.await(email, 1, ASYNC_BOUND);
    api.post("test-support/notifications/deliver", "");
    assertEquals(1, mailBox.to(email).size());
    assertEquals("Auto-recharge is turned off", subject(mails.get(0)));
  }

  @Test
  void autoRechargeSettingsAreCheckedAndBadOnesSaveNothing() {
    long account = api.newAccount();
    String path = "accounts/" + account + "/auto-recharge";
    String[][] cases = {
      {autoRecharge("0.50", "20", "pm_card_visa"), "threshold"},
      {autoRecharge("5", "4.99", "pm_card_visa"), "amount"},
      {autoRecharge("5", "20.001", "pm_card_visa"), "amount"},
      {autoRecharge("5", "10000.01", "pm_card_visa"), "amount"},
      {"{\"enabled\":true,\"threshold\":\"5\",\"amount\":\"20\"}", "paymentMethod"},
      {"{\"enabled\":true,\"amount\":\"20\",\"paymentMethod\":\"pm_card_visa\"}", "threshold"},
      {
        "{\"enabled\":\"yes\",\"threshold\":\"5\",\"amount\":\"20\",\"paymentMethod\":\"pm_card_visa\"}",
        "enabled"
      },
      {"{\"threshold\":\"5\",\"amount\":\"20\",\"paymentMethod\":\"pm_card_visa\"}", "enabled"},
    };
    for (String[] bad : cases) {
      Api.Reply reply = api.put(path, bad[0]);
      assertEquals(400, reply.status(), bad[0] + " -> " + reply.body());
      assertEquals(bad[1], reply.json().getString("field"), bad[0] + " -> " + reply.body());
    }
    JsonObject untouched = autoRechargeOf(account);
    assertFalse(untouched.getBoolean("enabled"));
    assertTrue(
        !untouched.containsKey("threshold") || untouched.isNull("threshold"), untouched.toString());

    assertEquals(200, api.put(path, autoRecharge("5", "20", "pm_card_visa")).status());
    Api.Reply off = api.put(path, "{\"enabled\":false}");
    assertEquals(200, off.status(), off.body());
    assertFalse(off.json().getBoolean("enabled"));
    assertEquals("5.000000", off.json().getString("threshold"));
    assertEquals("20.000000", autoRechargeOf(account).getString("amount"));
  }

  // ---------------------------------------------------------------- helpers

  private Api.Reply recharge(Api as, long account, String body, String key) {
    return as.post("accounts/" + account + "/recharges", body, "Idempotency-Key", key);
  }

  private Api.Reply charge(long account, String model, String requestId, long durationMs) {
    return api.post(
        "usage",
        "{\"requestId\":\""
            + requestId
            + "\",\"accountId\":"
            + account
            + ",\"model\":\""
            + model
            + "\",\"durationMs\":"
            + durationMs
            + "}");
  }

  private static String autoRecharge(String threshold, String amount, String paymentMethod) {
    return "{\"enabled\":true,\"threshold\":\""
        + threshold
        + "\",\"amount\":\""
        + amount
        + "\",\"paymentMethod\":\""
        + paymentMethod
        + "\"}";
  }

  /** A new account with its free dollar plus {@code credit}. */
  private long fundedAccount(String credit) {
    long account = api.newAccount();
    Api.Reply adjusted =
        api.post(
            "accounts/" + account + "/adjustments",
            "{\"amount\":\"" + credit + "\",\"reason\":\"payments test\"}",
            "Idempotency-Key",
            Api.unique("fund"));
    assertEquals(201, adjusted.status(), adjusted.body());
    return account;
  }

  private JsonObject autoRechargeOf(long account) {
    return api.get("accounts/" + account).json().getJsonObject("autoRecharge");
  }

  private int rechargeEntries(long account) {
    Api.Reply reply = api.get("accounts/" + account + "/transactions?limit=200");
    assertEquals(200, reply.status(), reply.body());
    return (int)
        reply.json().getJsonArray("items").stream()
            .filter(item -> "RECHARGE".equals(item.asJsonObject().getString("kind")))
            .count();
  }

  private int recharges(long account) {
    return Integer.parseInt(
        api.get("test-support/payments/recharges?account=" + account).body().strip());
  }

  private int notices(long account, String type) {
    return Integer.parseInt(
        api.get("test-support/payments/notifications?account=" + account + "&type=" + type)
            .body()
            .strip());
  }

  /** Runs the sweep until it has credited the account to {@code expected}, with a bound. */
  private void awaitSweepCredits(long account, String expected) {
    await(
        () -> {
          api.post("test-support/payments/sweep", "");
          return new BigDecimal(expected).equals(api.balance(account));
        },
        "balance " + expected + " after the sweep");
  }

  private void awaitBalance(long account, String expected) {
    await(() -> new BigDecimal(expected).equals(api.balance(account)), "balance " + expected);
  }

  /** Polls, with a bound, for what an asynchronous job does. */
  private static void await(BooleanSupplier done, String what) {
    Poll.until(done, ASYNC_BOUND, what);
  }

  /** Runs {@code clients} calls released at the same moment; answers their replies. */
  private static <T> List<T> together(int clients, Client<T> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        int client = i;
        Callable<T> task =
            () -> {
              start.await();
              return call.run(client);
            };
        futures.add(pool.submit(task));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(120, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @FunctionalInterface
  private interface Client<T> {
    T run(int client) throws Exception;
  }
}
