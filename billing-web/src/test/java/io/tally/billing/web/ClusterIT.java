package io.tally.billing.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two Payara Micro members of one data grid on one database ({@link ClusterStack}), started once
 * for the class: both charge the same accounts at once and the money is exact; every timer job
 * fires on both, and each due item's work is done once; a key revoked or a price changed on one
 * member holds on the other from the very next call.
 */
class ClusterIT {

  private static final Duration WITHIN = Duration.ofSeconds(60);
  private static final ClusterStack STACK = new ClusterStack();
  private static MailBox mailBox;
  private static Api a;
  private static Api b;

  @BeforeAll
  static void start() throws Exception {
    mailBox = MailBox.start();
    STACK.start();
    a = Api.admin(ClusterStack.base(0));
    b = Api.admin(ClusterStack.base(1));
  }

  @AfterAll
  static void stop() {
    STACK.close();
    if (mailBox != null) {
      mailBox.close();
    }
  }

  @AfterEach
  void bothMembersReconcile() {
    assertTrue(a.reconciliation().getBoolean("ok"), a.reconciliation().toString());
    assertTrue(b.reconciliation().getBoolean("ok"), b.reconciliation().toString());
  }

  @Test
  void bothMembersChargeTheSameAccountsAtOnceToTheMicroDollar() throws Exception {
    String model = a.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.001\"}");
    List<Long> accounts = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      long account = a.newAccount();
      credit(b, account, "100");
      accounts.add(account);
    }
    int clients = 8;
    int each = 25;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int client = 0; client < clients; client++) {
        Api member = client % 2 == 0 ? a : b;
        Api other = client % 2 == 0 ? b : a;
        int offset = client;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < each; i++) {
                    long account = accounts.get((offset + i) % accounts.size());
                    String body = usage(account, model, Api.unique("cluster"), 1234);
                    Api.Reply first = member.post("usage", body);
                    assertEquals(201, first.status(), first.body());
                    assertEquals("0.001234", first.json().getString("amount"));
                    if (i % 5 == 0) {
                      Api.Reply replay = other.post("usage", body);
                      assertEquals(200, replay.status(), replay.body());
                      assertEquals(
                          first.json().getJsonNumber("id"), replay.json().getJsonNumber("id"));
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    // 200 charges of 0.001234 over 4 accounts: 50 each, 0.061700 off each opening 101.000000.
    for (long account : accounts) {
      assertEquals(new BigDecimal("100.938300"), a.balance(account));
      assertEquals(new BigDecimal("100.938300"), b.balance(account));
      assertEquals(2 + 50, b.entryCount(account));
    }
  }

  @Test
  void aKeyRevokedOnOneMemberIsRefusedByTheOtherAtOnce() {
    long account = a.newAccount();
    for (int round = 0; round < 6; round++) {
      Api revoker = round % 2 == 0 ? a : b;
      Api other = round % 2 == 0 ? b : a;
      String key = a.keyOf(account);
      String path = "accounts/" + account;
      // Both members remember the key now.
      assertEquals(200, other.as(key).get(path).status());
      assertEquals(200, revoker.as(key).get(path).status());
      long keyId = keyId(account, key);

      Api.Reply revoked =
          revoker.send("DELETE", "accounts/" + account + "/api-keys/" + keyId, null, null);
      assertEquals(2, revoked.status() / 100, revoked.body());

      assertEquals(401, other.as(key).get(path).status(), "round " + round + ": the other member");
      assertEquals(401, revoker.as(key).get(path).status(), "round " + round + ": the revoker");
    }
  }

  @Test
  void aPriceChangedOnOneMemberPricesTheNextChargeOnTheOther() {
    String model = a.newModel("image", perSecond("0.001"));
    long account = a.newAccount();
    assertEquals("0.001000", charge(b, account, model, 1000));
    assertEquals("0.001000", charge(a, account, model, 1000));

    redefine(a, model, perSecond("0.002"));
    assertEquals("0.002000", charge(b, account, model, 1000));
    redefine(b, model, perSecond("0.003"));
    assertEquals("0.003000", charge(a, account, model, 1000));
    assertEquals("0.003000", charge(b, account, model, 1000));
    assertEquals(new BigDecimal("0.990000"), a.balance(account));
  }

  @Test
  void anExpiredHoldIsReleasedOnceWhileBothMembersRunTheExpiry() throws Exception {
    String model = a.newModel("image", perSecond("0.01"));
    long account = a.newAccount();
    Api.Reply hold =
        a.post(
            "authorizations",
            "{\"accountId\":" + account + ",\"model\":\"" + model + "\",\"durationMs\":10000}");
    assertEquals(201, hold.status(), hold.body());
    assertEquals("0.100000", hold.json().getString("amount"));
    long holdId = hold.json().getJsonNumber("id").longValue();

    Poll.until(
        () -> new BigDecimal("1.000000").equals(b.available(account)),
        WITHIN,
        "the hold expired (" + ClusterStack.HOLD_TTL_SECONDS + " s)");
    try (Connection sql = STACK.sql();
        PreparedStatement read =
            sql.prepareStatement(
                "SELECT h.status, a.held FROM authorization_hold h"
                    + " JOIN account a ON a.id = h.account_id WHERE h.id = ?")) {
      read.setLong(1, holdId);
      try (ResultSet row = read.executeQuery()) {
        assertTrue(row.next());
        assertEquals("EXPIRED", row.getString(1));
        assertEquals(new BigDecimal("0.000000"), row.getBigDecimal(2), "released once");
      }
    }
    assertEquals(new BigDecimal("1.000000"), a.balance(account));
  }

  @Test
  void aNoticeIsMailedOnceAndPostedOnceWhileBothMembersRunTheOutbox() throws Exception {
    String model = a.newModel("image", perSecond("0.1"));
    long account = a.newAccount();
    String email = a.get("accounts/" + account).json().getString("email");
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      Api.Reply hook =
          a.put("accounts/" + account + "/webhook", "{\"url\":\"" + receiver.url() + "\"}");
      assertEquals(201, hook.status(), hook.body());

      assertEquals("0.850000", charge(b, account, model, 8500)); // below 0.20: LOW_BALANCE

      mailBox.await(email, 1, WITHIN);
      receiver.await(1, WITHIN);
      JsonObject notice =
          Poll.until(
              () -> {
                JsonObject item = newestNotice(account);
                return item != null
                        && "SENT".equals(item.getJsonObject("email").getString("status"))
                        && "SENT".equals(item.getJsonObject("webhook").getString("status"))
                    ? item
                    : null;
              },
              WITHIN,
              "the notice sent by e-mail and webhook");
      assertEquals("LOW_BALANCE", notice.getString("type"));
      assertEquals(1, notice.getJsonObject("email").getInt("attempts"), notice.toString());
      assertEquals(1, notice.getJsonObject("webhook").getInt("attempts"), notice.toString());
      assertEquals(1, mailBox.to(email).size());
      assertEquals(1, receiver.calls().size());
    }
  }

  @Test
  void aFineTuneIsMeteredOnceWhileBothMembersRunTheMeter() {
    long account = a.newAccount();
    credit(a, account, "10");
    String model = a.newModel("finetune", perSecond("0.001"));
    Api.Reply started =
        a.post(
            "fine-tunes",
            "{\"requestId\":\""
                + Api.unique("ft")
                + "\",\"accountId\":"
                + account
                + ",\"model\":\""
                + model
                + "\"}");
    assertEquals(201, started.status(), started.body());
    long id = started.json().getJsonNumber("id").longValue();
    Instant startedAt = Instant.parse(started.json().getString("startedAt"));
    Poll.until(
        () -> b.get("fine-tunes/" + id).json().getJsonNumber("meteredMs").longValue() >= 3000,
        WITHIN,
        "three seconds metered");

    Api.Reply completed = b.post("fine-tunes/" + id + "/complete", "{}");
    assertEquals(200, completed.status(), completed.body());
    JsonObject job = completed.json();
    long meteredMs = job.getJsonNumber("meteredMs").longValue();
    assertEquals(
        Duration.between(startedAt, Instant.parse(job.getString("endedAt"))).toMillis(), meteredMs);
    BigDecimal charged = new BigDecimal(job.getString("charged"));
    assertEquals(BigDecimal.valueOf(meteredMs, 6), charged, "0.001 $/s: one micro-dollar a ms");
    assertEquals(charged.negate(), sumOf(account, "FINE_TUNE"));
    assertEquals(new BigDecimal("11.000000").subtract(charged), a.balance(account));
  }

  @Test
  void aDueRenewalGrantsOnceWhileBothMembersRunTheJob() {
    long account = a.newAccount();
    Api.Reply subscribed =
        a.put(
            "accounts/" + account + "/subscription",
            "{\"plan\":\"PERSONAL\",\"paymentMethod\":\"pm_card_visa\"}");
    assertEquals(200, subscribed.status(), subscribed.body());
    Instant end =
        Instant.parse(
            subscribed.json().getJsonObject("subscription").getString("currentPeriodEnd"));

    // The members' clock, not this JVM's: other tests of the class moved it ahead, by a month.
    moveBothMembers(Duration.between(serverNow(), end).plusHours(1));
    Poll.until(
        () ->
            end.toString()
                .equals(
                    b.get("accounts/" + account + "/subscription")
                        .json()
                        .getString("currentPeriodStart")),
        WITHIN,
        "the subscription renewed");

    assertEquals(new BigDecimal("38.000000"), sumOf(account, "SUBSCRIPTION_GRANT"));
    assertEquals(new BigDecimal("39.000000"), a.balance(account));
    assertEquals(3, a.entryCount(account));
  }

  @Test
  void aMonthIsInvoicedOnceWhileBothMembersRunTheInvoiceJob() throws Exception {
    long account = postpaidAccount();
    String model = a.newModel("image", perSecond("0.001"));
    YearMonth month = YearMonth.from(serverNow().atZone(ZoneOffset.UTC));
    assertEquals("0.012345", charge(b, account, model, 12345));

    moveBothMembers(Duration.between(serverNow(), firstHourOf(month.plusMonths(1))));
    JsonObject invoice = Poll.until(() -> invoiceOf(account, month), WITHIN, month + " invoiced");
    bothMembersRan("InvoiceTimer");

    assertEquals("0.012345", invoice.getString("total"));
    assertEquals(
        1,
        count("SELECT COUNT(*) FROM invoice WHERE account_id = ? AND month = ?", account, month));
    assertEquals(
        1,
        count(
            "SELECT COUNT(*) FROM notification WHERE account_id = ? AND event_key = ?",
            account,
            "invoice-issued:" + month));
    assertEquals(new BigDecimal("-0.012345"), a.balance(account));
  }

  @Test
  void aPendingRechargeIsCreditedOnceWhileBothMembersRunTheSweep() throws Exception {
    long account = a.newAccount();
    Api.Reply pending =
        a.post(
            "accounts/" + account + "/recharges",
            "{\"amount\":\"10\",\"paymentMethod\":\"pm_card_timeout\"}",
            "Idempotency-Key",
            Api.unique("recharge"));
    assertEquals(202, pending.status(), pending.body());
    assertEquals("PENDING", pending.json().getString("status"));
    long recharge = pending.json().getJsonNumber("id").longValue();

    moveBothMembers(Duration.ofMinutes(10)); // past the sweep's grace period (300 s)
    Poll.until(
        () -> new BigDecimal("11.000000").equals(b.balance(account)),
        WITHIN,
        "the sweep credited the recharge");
    bothMembersRan("RechargeSweep");

    assertEquals(new BigDecimal("11.000000"), a.balance(account));
    assertEquals(new BigDecimal("10.000000"), sumOf(account, "RECHARGE"));
    assertEquals(1, entriesOf(account, "RECHARGE"));
    assertEquals(
        1,
        count("SELECT COUNT(*) FROM recharge WHERE account_id = ? AND id = ?", account, recharge));
    assertEquals(
        1,
        count(
            "SELECT COUNT(*) FROM recharge WHERE account_id = ? AND status = ?",
            account,
            "SUCCEEDED"));
    assertEquals(1, notices(account, "RECHARGE_SUCCEEDED"));
    assertEquals(0, notices(account, "RECHARGE_FAILED"));
  }

  @Test
  void aPendingInvoicePaymentIsCreditedOnceWhileBothMembersRunTheSweep() throws Exception {
    long account = postpaidAccount();
    String model = a.newModel("image", perSecond("0.001"));
    YearMonth month = YearMonth.from(serverNow().atZone(ZoneOffset.UTC));
    assertEquals("0.012345", charge(a, account, model, 12345));
    moveBothMembers(Duration.between(serverNow(), firstHourOf(month.plusMonths(1))));
    long invoice =
        Poll.until(() -> invoiceOf(account, month), WITHIN, month + " invoiced")
            .getJsonNumber("id")
            .longValue();
    Api customer = a.as(a.keyOf(account));
    Api.Reply pending =
        customer.post(
            "invoices/" + invoice + "/payments",
            "{\"paymentMethod\":\"pm_card_timeout\"}",
            "Idempotency-Key",
            Api.unique("pay"));
    assertEquals(202, pending.status(), pending.body());
    assertEquals("PENDING", pending.json().getString("status"));

    moveBothMembers(Duration.ofMinutes(10)); // past the sweep's grace period (300 s)
    Poll.until(
        () -> "PAID".equals(b.get("invoices/" + invoice).json().getString("status")),
        WITHIN,
        "the sweep paid the invoice");
    bothMembersRan("InvoicePaymentSweep");

    assertEquals("PAID", a.get("invoices/" + invoice).json().getString("status"));
    // The card pays whole cents: 0.012345 rounds up to 0.02.
    assertEquals(new BigDecimal("0.020000"), sumOf(account, "INVOICE_PAYMENT"));
    assertEquals(1, entriesOf(account, "INVOICE_PAYMENT"));
    assertEquals(new BigDecimal("0.007655"), a.balance(account));
  }

  // ---------------------------------------------------------------- helpers

  private static String perSecond(String rate) {
    return "{\"mode\":\"per_second\",\"ratePerSecond\":\"" + rate + "\"}";
  }

  private static String usage(long account, String model, String requestId, long durationMs) {
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

  /** Charges one call on {@code member}; answers its amount. */
  private static String charge(Api member, long account, String model, long durationMs) {
    Api.Reply reply = member.post("usage", usage(account, model, Api.unique("req"), durationMs));
    assertEquals(201, reply.status(), reply.body());
    return reply.json().getString("amount");
  }

  private static void redefine(Api member, String model, String pricing) {
    Api.Reply reply =
        member.put(
            "models/" + model,
            "{\"family\":\"image\",\"name\":\"" + model + "\",\"pricing\":" + pricing + "}");
    assertEquals(200, reply.status(), reply.body());
  }

  private static void credit(Api member, long account, String amount) {
    Api.Reply reply =
        member.post(
            "accounts/" + account + "/adjustments",
            "{\"amount\":\"" + amount + "\",\"reason\":\"cluster test\"}",
            "Idempotency-Key",
            Api.unique("credit"));
    assertEquals(201, reply.status(), reply.body());
  }

  private static long keyId(long account, String key) {
    return a.get("accounts/" + account + "/api-keys").array().getValuesAs(JsonObject.class).stream()
        .filter(row -> key.startsWith(row.getString("prefix")) && !row.containsKey("revokedAt"))
        .mapToLong(row -> row.getJsonNumber("id").longValue())
        .max()
        .orElseThrow();
  }

  private static JsonObject newestNotice(long account) {
    List<JsonObject> items =
        a.get("accounts/" + account + "/notifications")
            .json()
            .getJsonArray("items")
            .getValuesAs(JsonObject.class);
    return items.isEmpty() ? null : items.get(0);
  }

  private static long postpaidAccount() {
    return a.newAccount(
        "{\"email\":\""
            + Api.unique("corp")
            + "@example.com\",\"name\":\"Enterprise\",\"billingMode\":\"POSTPAID\","
            + "\"creditLimit\":\"500\"}");
  }

  /** The members' clock (both move together, so A's is B's). */
  private static Instant serverNow() {
    Api.Reply reply = a.post("test-support/clock?seconds=0", "");
    assertEquals(200, reply.status(), reply.body());
    return Instant.parse(reply.body());
  }

  /** Moves both members' clocks by the same amount, so the work falls due on both. */
  private static void moveBothMembers(Duration ahead) {
    a.advanceClock(ahead);
    b.advanceClock(ahead);
  }

  private static Instant firstHourOf(YearMonth month) {
    return month.atDay(1).atTime(1, 0).toInstant(ZoneOffset.UTC);
  }

  /** The account's invoice for {@code month}, or null while there is none. */
  private static JsonObject invoiceOf(long account, YearMonth month) {
    return a.get("accounts/" + account + "/invoices").array().getValuesAs(JsonObject.class).stream()
        .filter(invoice -> month.toString().equals(invoice.getString("month")))
        .findFirst()
        .orElse(null);
  }

  /**
   * Waits until each member has held the job's lease since this call, the first one seen again
   * after the other: both have run the job after the work was done, and found nothing left to do.
   */
  private static void bothMembersRan(String job) {
    String first = leaseHolder(job);
    String[] other = {null};
    Poll.until(
        () -> {
          String now = leaseHolder(job);
          if (other[0] == null && !now.equals(first)) {
            other[0] = now;
          }
          return other[0] != null && now.equals(first);
        },
        WITHIN,
        "both members ran " + job + " again");
  }

  private static String leaseHolder(String job) {
    try (Connection sql = STACK.sql();
        PreparedStatement read =
            sql.prepareStatement("SELECT holder FROM job_lease WHERE job LIKE ?")) {
      read.setString(1, job + "%");
      try (ResultSet row = read.executeQuery()) {
        assertTrue(row.next(), "no lease of " + job);
        return row.getString(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long count(String query, Object... parameters) throws SQLException {
    try (Connection sql = STACK.sql();
        PreparedStatement read = sql.prepareStatement(query)) {
      for (int i = 0; i < parameters.length; i++) {
        read.setString(i + 1, parameters[i].toString());
      }
      try (ResultSet row = read.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  private static int notices(long account, String type) {
    return Integer.parseInt(
        a.get("test-support/payments/notifications?account=" + account + "&type=" + type)
            .body()
            .strip());
  }

  private static long entriesOf(long account, String kind) {
    return a
        .get("accounts/" + account + "/transactions?limit=200")
        .json()
        .getJsonArray("items")
        .stream()
        .filter(entry -> kind.equals(entry.asJsonObject().getString("kind")))
        .count();
  }

  private static BigDecimal sumOf(long account, String kind) {
    BigDecimal sum = new BigDecimal("0.000000");
    for (JsonValue entry :
        a.get("accounts/" + account + "/transactions?limit=200").json().getJsonArray("items")) {
      if (kind.equals(entry.asJsonObject().getString("kind"))) {
        sum = sum.add(new BigDecimal(entry.asJsonObject().getString("amount")));
      }
    }
    return sum;
  }
}
