package io.tally.billing.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
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
 * Plans, subscriptions, renewals by the timer's job, introductory prices and fair use, through
 * HTTP. The server's clock only moves forward and is shared by every test here, so each test uses
 * fresh accounts and measures time from its own subscription's period. The renewal timer runs every
 * 2 s in the test server, alongside the runs the tests ask for through test support: the results
 * must not depend on which run gets to a subscription first.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SubscriptionsIT {

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

  @Test
  void plansListPricesIntroPriceCreditsAndFairUseCap() {
    long account = api.newAccount();
    Api.Reply reply = api.as(api.keyOf(account)).get("plans");

    assertEquals(200, reply.status(), reply.body());
    Map<String, JsonObject> plans =
        reply.array().stream()
            .map(JsonValue::asJsonObject)
            .collect(Collectors.toMap(plan -> plan.getString("id"), plan -> plan));
    assertEquals(
        List.of("BUSINESS", "ENTERPRISE", "FREE", "PERSONAL", "PRO", "PRO_2024"),
        plans.keySet().stream().sorted().toList());
    assertEquals("0.000000", plans.get("FREE").getString("price"));
    assertEquals("1.000000", plans.get("FREE").getString("credits"));
    assertEquals("19.000000", plans.get("PERSONAL").getString("credits"));
    assertEquals("59.000000", plans.get("PRO").getString("price"));
    assertEquals("599.000000", plans.get("BUSINESS").getString("credits"));
    assertEquals("POSTPAID", plans.get("ENTERPRISE").getString("billingMode"));
    assertFalse(plans.get("ENTERPRISE").getBoolean("selfServe"));
    JsonObject pro2024 = plans.get("PRO_2024");
    assertEquals("49.000000", pro2024.getString("price"));
    assertEquals("29.000000", pro2024.getString("introPrice"));
    assertEquals(1000, pro2024.getInt("introSubscribers"));
    assertEquals("500.000000", pro2024.getString("fairUseCap"));
    assertFalse(plans.get("PRO").containsKey("fairUseCap"));
  }

  @Test
  void subscribingPaysTheFirstPeriodAndGrantsItsCredits() {
    long account = api.newAccount();
    Api customer = api.as(api.keyOf(account));

    Api.Reply reply = subscribe(customer, account, "PRO", "pm_card_visa", "first-pro");

    assertEquals(200, reply.status(), reply.body());
    assertEquals("59.000000", reply.json().getString("charged"));
    JsonObject subscription = customer.get("accounts/" + account + "/subscription").json();
    assertEquals("PRO", subscription.getString("plan"));
    assertEquals("ACTIVE", subscription.getString("status"));
    assertEquals("59.000000", subscription.getString("pricePaid"));
    assertFalse(subscription.getBoolean("cancelAtPeriodEnd"));
    Instant start = Instant.parse(subscription.getString("currentPeriodStart"));
    assertEquals(
        start.atZone(ZoneOffset.UTC).plusMonths(1).toInstant(),
        Instant.parse(subscription.getString("currentPeriodEnd")));
    assertEquals(new BigDecimal("60.000000"), api.balance(account));
    JsonObject grant = lastEntry(account);
    assertEquals("SUBSCRIPTION_GRANT", grant.getString("kind"));
    assertEquals("59.000000", grant.getString("amount"));
    assertEquals("PRO", plan(account));

    Api.Reply replay = subscribe(customer, account, "PRO", "pm_card_visa", "first-pro");
    assertEquals(200, replay.status(), replay.body());
    assertEquals(reply.json(), replay.json(), "a replay answers the first answer");
    assertEquals(1, grants(account));
    assertEquals(new BigDecimal("60.000000"), api.balance(account));

    Api.Reply canceled = customer.exchange("DELETE", "accounts/" + account + "/subscription", null);
    assertEquals(200, canceled.status(), canceled.body());
    Api.Reply afterCancel = subscribe(customer, account, "PRO", "pm_card_visa", "first-pro");
    assertEquals(200, afterCancel.status(), afterCancel.body());
    assertEquals(reply.json(), afterCancel.json(), "the first answer, not the state now");
    Api.Reply otherPlan = subscribe(customer, account, "BUSINESS", "pm_card_visa", "first-pro");
    assertEquals(422, otherPlan.status(), otherPlan.body());
    assertEquals("idempotency_key_reused", otherPlan.error());
    assertTrue(subscription(account).getBoolean("cancelAtPeriodEnd"));
    assertEquals("PRO", subscription(account).getString("plan"));
    assertEquals(1, grants(account));
    assertEquals(new BigDecimal("60.000000"), api.balance(account));
  }

  @Test
  void renewsEachPeriodOnceHoweverOftenTheJobRuns() throws Exception {
    long account = api.newAccount();
    assertEquals(200, subscribe(api, account, "PRO", "pm_card_visa").status());
    Instant anchor = Instant.parse(subscription(account).getString("currentPeriodStart"));
    Scrape before = Scrape.of(base);

    for (int period = 1; period <= 3; period++) {
      passPeriodEnd(account);
      concurrently(2, () -> runRenewals());
      runRenewals();
      assertEquals(1 + period, grants(account), "grants after period " + period);
    }

    JsonObject subscription = subscription(account);
    assertEquals(monthsAfter(anchor, 3), subscription.getString("currentPeriodStart"));
    assertEquals(monthsAfter(anchor, 4), subscription.getString("currentPeriodEnd"));
    assertEquals("ACTIVE", subscription.getString("status"));
    assertEquals(new BigDecimal("237.000000"), api.balance(account));
    assertEquals(3, notices(account, "SUBSCRIPTION_RENEWED"));
    // At least: moving the shared clock also renews what earlier tests subscribed.
    String renewals = "tally_renewals_total";
    assertTrue(
        Scrape.of(base).value(renewals, "outcome", "succeeded")
                - before.value(renewals, "outcome", "succeeded")
            >= 3);
  }

  @Test
  void renewalTimerRenewsOnItsOwn() {
    long account = api.newAccount();
    assertEquals(200, subscribe(api, account, "PERSONAL", "pm_card_visa").status());

    passPeriodEnd(account);

    // The test server's timer fires every 2 s (arquillian.xml); wait for it, bounded.
    Poll.until(() -> grants(account) >= 2, Duration.ofSeconds(60), "the timer's renewal");
    assertEquals(2, grants(account));
    assertEquals(1, notices(account, "SUBSCRIPTION_RENEWED"));
  }

  @Test
  void catchesUpOnceAfterMissedPeriodEnds() {
    long account = api.newAccount();
    assertEquals(200, subscribe(api, account, "PERSONAL", "pm_card_visa").status());
    Instant anchor = Instant.parse(subscription(account).getString("currentPeriodStart"));

    passPeriodEnd(account); // the server is "down": no run at the period's end
    runRenewals();
    runRenewals();
    assertEquals(2, grants(account));

    // Down over two period ends: only the period that contains now is paid and granted.
    moveClockTo(Instant.parse(subscription(account).getString("currentPeriodEnd")), 1);
    runRenewals();
    runRenewals();
    assertEquals(3, grants(account));
    JsonObject subscription = subscription(account);
    assertEquals(monthsAfter(anchor, 3), subscription.getString("currentPeriodStart"));
    assertEquals(new BigDecimal("58.000000"), api.balance(account));
  }

  @Test
  void introductoryPriceGoesToTheFirstThousandSubscribersEvenConcurrently() throws Exception {
    setIntroTaken(998);
    List<Long> all =
        List.of(api.newAccount(), api.newAccount(), api.newAccount(), api.newAccount());

    List<Api.Reply> replies =
        concurrently(all.size(), all, id -> subscribe(api, id, "PRO_2024", "pm_card_visa"));

    List<String> paid = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      assertEquals(200, replies.get(i).status(), replies.get(i).body());
      String charged = replies.get(i).json().getString("charged");
      paid.add(charged);
      assertEquals(
          new BigDecimal("1.000000").add(new BigDecimal(charged)), api.balance(all.get(i)));
      assertEquals(
          "29.000000".equals(charged), subscription(all.get(i)).getBoolean("introductory"));
    }
    assertEquals(
        List.of("29.000000", "29.000000", "49.000000", "49.000000"),
        paid.stream().sorted().toList());

    // A declined subscriber gives the slot back: the 1000th slot goes to the next one.
    setIntroTaken(999);
    long declined = api.newAccount();
    assertEquals(402, subscribe(api, declined, "PRO_2024", "pm_card_declined").status());
    assertEquals("29.000000", chargedFor(api.newAccount(), "PRO_2024"));
    assertEquals("49.000000", chargedFor(api.newAccount(), "PRO_2024"));
  }

  @Test
  void fairUseLetsTheCallThatReachesTheCapThroughAndRefusesTheNext() {
    long account = fundedOnCappedPlan();
    String model = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"1\"}");

    for (int call = 1; call <= 5; call++) {
      Api.Reply charged = use(account, model, "call-" + call);
      assertEquals(201, charged.status(), charged.body());
      assertEquals("100.000000", charged.json().getString("amount"));
      assertEquals(call >= 4 ? 1 : 0, notices(account, "FAIR_USE_WARNING"), "after " + call);
      assertEquals(call == 5 ? 1 : 0, notices(account, "FAIR_USE_REACHED"), "after " + call);
    }
    BigDecimal balance = api.balance(account);

    Api.Reply refused = use(account, model, "call-6");
    assertEquals(429, refused.status(), refused.body());
    assertEquals("fair_use_limit_reached", refused.error());
    assertEquals("ENTERPRISE", refused.json().getString("upgradeTo"));
    assertEquals(balance, api.balance(account));
    Api.Reply hold =
        api.post(
            "authorizations",
            "{\"accountId\":" + account + ",\"model\":\"" + model + "\",\"durationMs\":1000}");
    assertEquals(429, hold.status(), hold.body());
    assertEquals(api.balance(account), api.available(account), "no hold was placed");
    assertEquals(200, use(account, model, "call-5").status(), "a replay is still answered");
    Api.Reply refusedAgain = use(account, model, "call-7");
    assertEquals(429, refusedAgain.status(), refusedAgain.body());
    assertEquals(1, notices(account, "FAIR_USE_WARNING"));
    assertEquals(1, notices(account, "FAIR_USE_REACHED"));

    // The next period starts counting afresh.
    passPeriodEnd(account);
    runRenewals();
    assertEquals(201, use(account, model, "call-8").status());
  }

  @Test
  void fairUseCountsEachEventOfABatch() {
    long account = fundedOnCappedPlan();
    String model = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"1\"}");
    StringBuilder events = new StringBuilder("{\"events\":[");
    for (int call = 1; call <= 7; call++) {
      events
          .append(call == 1 ? "" : ",")
          .append("{\"requestId\":\"batch-call-")
          .append(call)
          .append("\",\"accountId\":")
          .append(account)
          .append(",\"model\":\"")
          .append(model)
          .append("\",\"durationMs\":100000}");
    }

    Api.Reply batch = api.post("usage/batch", events.append("]}").toString());

    // The cap is $500 a period: five calls of $100 reach it, the next two are refused.
    assertEquals(200, batch.status(), batch.body());
    JsonArray results = batch.json().getJsonArray("results");
    for (int call = 1; call <= 7; call++) {
      JsonObject result = results.getJsonObject(call - 1);
      assertEquals(call <= 5 ? 201 : 429, result.getInt("status"), result.toString());
    }
    assertEquals(
        "fair_use_limit_reached",
        results.getJsonObject(5).getJsonObject("error").getString("error"));
    assertEquals(1, notices(account, "FAIR_USE_WARNING"));
    assertEquals(1, notices(account, "FAIR_USE_REACHED"));
  }

  @Test
  void upgradePaysTheProratedDifferenceAtOnceAndDowngradeWaitsForThePeriodEnd() {
    long account = api.newAccount();
    assertEquals(200, subscribe(api, account, "PERSONAL", "pm_card_visa").status());
    JsonObject before = subscription(account);
    Instant start = Instant.parse(before.getString("currentPeriodStart"));
    Instant end = Instant.parse(before.getString("currentPeriodEnd"));
    api.advanceClock(Duration.ofDays(10));

    Api.Reply upgraded = subscribe(api, account, "PRO", "pm_card_mastercard");

    assertEquals(200, upgraded.status(), upgraded.body());
    Instant at = Instant.parse(upgraded.json().getString("chargedAt"));
    BigDecimal prorated =
        new BigDecimal("40")
            .multiply(BigDecimal.valueOf(Duration.between(at, end).toMillis()))
            .divide(
                BigDecimal.valueOf(Duration.between(start, end).toMillis()),
                6,
                RoundingMode.HALF_UP);
    // The card pays the proration rounded up to whole cents, and the grant is what it paid.
    BigDecimal expected = prorated.setScale(2, RoundingMode.CEILING).setScale(6);
    assertTrue(prorated.compareTo(expected) <= 0, prorated + " <= " + expected);
    assertTrue(expected.subtract(prorated).compareTo(new BigDecimal("0.01")) < 0, expected + "");
    assertEquals(expected.toPlainString(), upgraded.json().getString("charged"));
    assertEquals(expected.toPlainString(), lastEntry(account).getString("amount"));
    assertEquals(new BigDecimal("20.000000").add(expected), api.balance(account));
    JsonObject after = subscription(account);
    assertEquals("PRO", after.getString("plan"));
    assertEquals(
        new BigDecimal("19.000000").add(expected).toPlainString(), after.getString("pricePaid"));
    assertEquals(end.toString(), after.getString("currentPeriodEnd"));
    assertEquals("PRO", plan(account));

    Api.Reply downgraded = subscribe(api, account, "PERSONAL", "pm_card_visa");
    assertEquals(200, downgraded.status(), downgraded.body());
    assertEquals("0.000000", downgraded.json().getString("charged"));
    assertEquals("PRO", subscription(account).getString("plan"));
    assertEquals("PERSONAL", subscription(account).getString("pendingPlan"));
    BigDecimal balance = api.balance(account);

    passPeriodEnd(account);
    runRenewals();
    assertEquals("PERSONAL", subscription(account).getString("plan"));
    assertFalse(subscription(account).containsKey("pendingPlan"));
    assertEquals(balance.add(new BigDecimal("19.000000")), api.balance(account));
    assertEquals("PERSONAL", plan(account));
  }

  @Test
  void anUpgradeWhoseProcessorTimesOutIsPendingThenGrantedOnceByTheRenewalJob() {
    long account = api.newAccount();
    assertEquals(200, subscribe(api, account, "PERSONAL", "pm_card_visa").status());
    api.advanceClock(Duration.ofDays(10));

    Api.Reply timedOut = subscribe(api, account, "PRO", "pm_card_timeout", "up-1");

    assertEquals(202, timedOut.status(), timedOut.body());
    assertEquals("PENDING", timedOut.json().getString("paymentStatus"), timedOut.body());
    assertEquals("PERSONAL", timedOut.json().getJsonObject("subscription").getString("plan"));
    String asked = timedOut.json().getString("charged");
    assertEquals(
        new BigDecimal(asked).setScale(2, RoundingMode.UP).setScale(6), new BigDecimal(asked));
    assertEquals("PERSONAL", subscription(account).getString("plan"));
    assertEquals(new BigDecimal("20.000000"), api.balance(account));
    Api.Reply other = subscribe(api, account, "BUSINESS", "pm_card_visa", "up-2");
    assertEquals(409, other.status(), other.body());
    runRenewals();
    assertEquals("PERSONAL", subscription(account).getString("plan"), "asked when the lease ends");

    api.advanceClock(Duration.ofMinutes(6));
    runRenewals();
    runRenewals();

    JsonObject after = subscription(account);
    assertEquals("PRO", after.getString("plan"));
    BigDecimal granted = new BigDecimal(after.getString("pricePaid")).subtract(new BigDecimal(19));
    assertEquals(granted.setScale(2, RoundingMode.UNNECESSARY).setScale(6), granted);
    assertEquals(2, grants(account));
    assertEquals(granted.toPlainString(), lastEntry(account).getString("amount"));
    assertEquals(new BigDecimal("20.000000").add(granted), api.balance(account));
    assertEquals("PRO", plan(account));
    Api.Reply retried = subscribe(api, account, "PRO", "pm_card_timeout", "up-1");
    assertEquals(200, retried.status(), retried.body());
    assertEquals(2, grants(account));
  }

  @Test
  void anUpgradeWhosePaymentTimedOutThenWasDeclinedGrantsNothingWhenRetried() {
    long account = api.newAccount();
    assertEquals(200, subscribe(api, account, "PERSONAL", "pm_card_visa").status());
    api.advanceClock(Duration.ofDays(10));

    Api.Reply timedOut = subscribe(api, account, "PRO", "pm_card_timeout_declined", "d-1");
    Api.Reply retried = subscribe(api, account, "PRO", "pm_card_timeout_declined", "d-1");

    assertEquals(202, timedOut.status(), timedOut.body());
    assertEquals("PENDING", timedOut.json().getString("paymentStatus"), timedOut.body());
    assertEquals(402, retried.status(), retried.body());
    assertEquals("card_declined", retried.error());
    assertEquals("PERSONAL", subscription(account).getString("plan"));
    assertEquals(new BigDecimal("20.000000"), api.balance(account));
    assertEquals(1, grants(account));
    Api.Reply withVisa = subscribe(api, account, "PRO", "pm_card_visa", "d-2");
    assertEquals(200, withVisa.status(), withVisa.body());
    assertEquals("PRO", subscription(account).getString("plan"));
  }

  @Test
  void firstPaymentsAndRenewalsWhoseProcessorTimesOutAreNeitherGrantedNorFailedUntilAskedAgain() {
    long account = api.newAccount();
    Api.Reply first = subscribe(api, account, "PERSONAL", "pm_card_timeout", "first");
    assertEquals(202, first.status(), first.body());
    assertEquals("PENDING", first.json().getString("paymentStatus"), first.body());
    assertEquals("19.000000", first.json().getString("charged"), first.body());
    assertEquals("PENDING", first.json().getJsonObject("subscription").getString("status"));
    runRenewals();
    assertEquals(new BigDecimal("1.000000"), api.balance(account), "not stale yet");
    api.advanceClock(Duration.ofMinutes(6));
    runRenewals();
    assertEquals("ACTIVE", subscription(account).getString("status"));
    assertEquals(1, grants(account));
    assertEquals(new BigDecimal("20.000000"), api.balance(account));

    passPeriodEnd(account);
    runRenewals();
    assertEquals("ACTIVE", subscription(account).getString("status"), "not past due");
    assertEquals(1, grants(account));
    api.advanceClock(Duration.ofMinutes(6));
    runRenewals();
    runRenewals();

    assertEquals(2, grants(account));
    assertEquals(new BigDecimal("39.000000"), api.balance(account));
    assertEquals(0, notices(account, "SUBSCRIPTION_PAYMENT_FAILED"));
  }

  @Test
  void cancelKeepsThePlanUntilThePeriodEndsThenReturnsToFree() {
    long account = api.newAccount();
    Api customer = api.as(api.keyOf(account));
    assertEquals(200, subscribe(customer, account, "PERSONAL", "pm_card_visa").status());

    Api.Reply canceled = customer.exchange("DELETE", "accounts/" + account + "/subscription", null);

    assertEquals(200, canceled.status(), canceled.body());
    assertEquals("ACTIVE", canceled.json().getString("status"));
    assertTrue(canceled.json().getBoolean("cancelAtPeriodEnd"));
    assertEquals("PERSONAL", plan(account));
    passPeriodEnd(account);
    runRenewals();
    runRenewals();
    assertEquals("CANCELED", subscription(account).getString("status"));
    assertEquals("FREE", plan(account));
    assertEquals(1, grants(account));
    assertEquals(new BigDecimal("20.000000"), api.balance(account));
    assertEquals(1, notices(account, "SUBSCRIPTION_CANCELED"));
  }

  @Test
  void failedRenewalIsPastDueRetriedOnScheduleThenCanceled() {
    long account = api.newAccount();
    assertEquals(200, subscribe(api, account, "PRO", "pm_card_visa").status());
    assertEquals("0.000000", chargedFor(account, "PRO", "pm_card_declined"));
    Instant end = Instant.parse(subscription(account).getString("currentPeriodEnd"));

    passPeriodEnd(account);
    runRenewals();
    runRenewals();
    assertEquals("PAST_DUE", subscription(account).getString("status"));
    assertEquals(1, notices(account, "SUBSCRIPTION_PAYMENT_FAILED"));
    assertEquals(1, grants(account));
    assertEquals("PRO", plan(account));

    moveClockTo(end.plus(Duration.ofDays(1)), 0);
    runRenewals();
    assertEquals(2, notices(account, "SUBSCRIPTION_PAYMENT_FAILED"));
    moveClockTo(end.plus(Duration.ofDays(3)), 0);
    runRenewals();
    assertEquals(3, notices(account, "SUBSCRIPTION_PAYMENT_FAILED"));
    assertEquals("PAST_DUE", subscription(account).getString("status"));
    moveClockTo(end.plus(Duration.ofDays(5)), 0);
    runRenewals();
    assertEquals("CANCELED", subscription(account).getString("status"));
    assertEquals(1, notices(account, "SUBSCRIPTION_CANCELED"));
    assertEquals("FREE", plan(account));
    assertEquals(1, grants(account));
  }

  @Test
  void pastDueSubscriptionRecoversWithAnotherCard() {
    long account = api.newAccount();
    assertEquals(402, subscribe(api, account, "PERSONAL", "pm_card_insufficient_funds").status());
    // The first payment was declined: nothing to recover. Subscribe with a card that works.
    assertEquals(404, api.get("accounts/" + account + "/subscription").status());
    assertEquals(200, subscribe(api, account, "PERSONAL", "pm_card_visa").status());
    assertEquals("0.000000", chargedFor(account, "PERSONAL", "pm_card_declined"));
    passPeriodEnd(account);
    runRenewals();
    assertEquals("PAST_DUE", subscription(account).getString("status"));

    assertEquals("0.000000", chargedFor(account, "PERSONAL", "pm_card_visa"));
    // The renewal timer (every 2 s here) may hold the row's lease while this run looks at it.
    Poll.until(
        () -> {
          runRenewals();
          return "ACTIVE".equals(subscription(account).getString("status"));
        },
        Duration.ofSeconds(30),
        "the retry with the new card renews");

    assertEquals("ACTIVE", subscription(account).getString("status"));
    assertEquals(2, grants(account));
    assertEquals(new BigDecimal("39.000000"), api.balance(account));
  }

  @Test
  void subscriptionLeftPendingByACrashIsCompletedOnceByTheJob() throws Exception {
    long account = api.newAccount();
    Api.Reply interrupted =
        api.post("test-support/subscriptions/interrupted?accountId=" + account + "&plan=PRO", "");
    assertEquals(200, interrupted.status(), interrupted.body());
    assertEquals(404, api.get("accounts/" + account + "/subscription").status());
    assertEquals(409, subscribe(api, account, "PERSONAL", "pm_card_visa").status());
    runRenewals();
    assertEquals(404, api.get("accounts/" + account + "/subscription").status(), "not stale yet");

    api.advanceClock(Duration.ofMinutes(6));
    concurrently(2, () -> runRenewals());
    runRenewals();

    assertEquals("ACTIVE", subscription(account).getString("status"));
    assertEquals(1, grants(account));
    assertEquals(new BigDecimal("60.000000"), api.balance(account));
    assertEquals("PRO", plan(account));
  }

  @Test
  void declinedFirstPaymentGrantsNothingAndLeavesNoSubscription() {
    long account = api.newAccount();

    Api.Reply declined = subscribe(api, account, "PRO", "pm_card_declined");
    Api.Reply poor = subscribe(api, account, "PRO", "pm_card_insufficient_funds");

    assertEquals(402, declined.status(), declined.body());
    assertEquals("card_declined", declined.error());
    assertEquals("paymentMethod", declined.json().getString("field"));
    assertEquals(402, poor.status(), poor.body());
    assertEquals("insufficient_funds", poor.error());
    assertNothingWritten(account);
  }

  @Test
  void badInputAnswers4xxNamingTheFieldAndWritesNothing() {
    long account = api.newAccount();
    String path = "accounts/" + account + "/subscription";

    assertRefused(
        api.put(path, "{\"plan\":\"GOLD\",\"paymentMethod\":\"pm_card_visa\"}"), 400, "plan");
    assertRefused(api.put(path, "{\"plan\":\"PRO\"}"), 400, "paymentMethod");
    assertRefused(api.put(path, "{\"plan\":5,\"paymentMethod\":\"pm_card_visa\"}"), 400, "plan");
    assertRefused(api.put(path, "{\"plan\":\"PRO\",\"paymentMethod\":[]}"), 400, "paymentMethod");
    assertRefused(
        api.put(path, "{\"plan\":\"PRO\",\"paymentMethod\":\"pm_card_visa\",\"x\":1}"), 400, "x");
    assertRefused(
        api.put(path, "{\"plan\":\"FREE\",\"paymentMethod\":\"pm_card_visa\"}"), 400, "plan");
    Api.Reply enterprise =
        api.put(path, "{\"plan\":\"ENTERPRISE\",\"paymentMethod\":\"pm_card_visa\"}");
    assertRefused(enterprise, 422, "plan");
    assertEquals("contact_sales", enterprise.error());
    assertEquals(400, api.put(path, "{\"plan\":").status());
    assertEquals(404, api.exchange("DELETE", path, null).status());
    long other = api.newAccount();
    assertEquals(
        404,
        subscribe(api.as(api.keyOf(other)), account, "PRO", "pm_card_visa").status(),
        "another account's key");
    long postpaid =
        api.newAccount(
            "{\"email\":\""
                + Api.unique("pp")
                + "@example.com\",\"name\":\"P\","
                + "\"billingMode\":\"POSTPAID\"}");
    assertEquals(409, subscribe(api, postpaid, "PRO", "pm_card_visa").status());
    assertNothingWritten(account);
  }

  // ---------------------------------------------------------------- helpers

  private Api.Reply subscribe(Api as, long account, String plan, String paymentMethod) {
    return as.put(
        "accounts/" + account + "/subscription",
        "{\"plan\":\"" + plan + "\",\"paymentMethod\":\"" + paymentMethod + "\"}");
  }

  private Api.Reply subscribe(
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

  private String chargedFor(long account, String plan) {
    return chargedFor(account, plan, "pm_card_visa");
  }

  private String chargedFor(long account, String plan, String paymentMethod) {
    Api.Reply reply = subscribe(api, account, plan, paymentMethod);
    assertEquals(200, reply.status(), reply.body());
    return reply.json().getString("charged");
  }

  private JsonObject subscription(long account) {
    Api.Reply reply = api.get("accounts/" + account + "/subscription");
    assertEquals(200, reply.status(), reply.body());
    return reply.json();
  }

  private String plan(long account) {
    return api.get("accounts/" + account).json().getString("plan");
  }

  /** A new account with $1,000 added, subscribed to PRO_2024 (fair-use cap $500.00 a period). */
  private long fundedOnCappedPlan() {
    long account = api.newAccount();
    Api.Reply funded =
        api.post(
            "accounts/" + account + "/adjustments",
            "{\"amount\":\"1000\",\"reason\":\"fair use test\"}",
            "Idempotency-Key",
            Api.unique("fund"));
    assertEquals(201, funded.status(), funded.body());
    assertEquals(200, subscribe(api, account, "PRO_2024", "pm_card_visa").status());
    return account;
  }

  private Api.Reply use(long account, String model, String requestId) {
    return api.post(
        "usage",
        "{\"requestId\":\""
            + requestId
            + "\",\"accountId\":"
            + account
            + ",\"model\":\""
            + model
            + "\",\"durationMs\":100000}");
  }

  private void runRenewals() {
    Api.Reply reply = api.post("test-support/subscriptions/renewals", "");
    assertEquals(200, reply.status(), reply.body());
  }

  private void setIntroTaken(int taken) {
    Api.Reply reply =
        api.exchange(
            "PUT", "test-support/subscriptions/plans/PRO_2024/intro-taken?value=" + taken, null);
    assertEquals("1", reply.body());
  }

  /** Moves the server's clock a minute past the end of the account's current period. */
  private void passPeriodEnd(long account) {
    moveClockTo(Instant.parse(subscription(account).getString("currentPeriodEnd")), 0);
  }

  /** Moves the server's clock to a minute past {@code months} months after {@code instant}. */
  private void moveClockTo(Instant instant, int months) {
    Instant target = instant.atZone(ZoneOffset.UTC).plusMonths(months).toInstant().plusSeconds(60);
    Instant now = Instant.parse(api.post("test-support/clock?seconds=0", "").body());
    if (now.isBefore(target)) {
      api.advanceClock(Duration.between(now, target));
    }
  }

  private static String monthsAfter(Instant anchor, int months) {
    return anchor.atZone(ZoneOffset.UTC).plusMonths(months).toInstant().toString();
  }

  private List<JsonObject> entries(long account) {
    return api
        .get("accounts/" + account + "/transactions?limit=200")
        .json()
        .getJsonArray("items")
        .stream()
        .map(JsonValue::asJsonObject)
        .toList();
  }

  private JsonObject lastEntry(long account) {
    return entries(account).get(0);
  }

  private long grants(long account) {
    return entries(account).stream()
        .filter(entry -> "SUBSCRIPTION_GRANT".equals(entry.getString("kind")))
        .count();
  }

  private long notices(long account, String type) {
    return api.get("test-support/stored-notifications?accountId=" + account).array().stream()
        .map(JsonValue::asJsonObject)
        .filter(notice -> type.equals(notice.getString("type")))
        .count();
  }

  private void assertRefused(Api.Reply reply, int status, String field) {
    assertEquals(status, reply.status(), reply.body());
    assertEquals(field, reply.json().getString("field"), reply.body());
  }

  private void assertNothingWritten(long account) {
    assertEquals(404, api.get("accounts/" + account + "/subscription").status());
    assertEquals(new BigDecimal("1.000000"), api.balance(account));
    assertEquals(1, api.entryCount(account));
    assertEquals("FREE", plan(account));
  }

  private static void concurrently(int threads, Runnable task) throws Exception {
    List<Integer> slots = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      slots.add(i);
    }
    concurrently(
        threads,
        slots,
        slot -> {
          task.run();
          return null;
        });
  }

  /** Runs {@code task} on every input at once (released together); answers results in order. */
  private static <T, R> List<R> concurrently(
      int threads, List<T> inputs, java.util.function.Function<T, R> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
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
