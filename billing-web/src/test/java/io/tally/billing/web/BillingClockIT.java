package io.tally.billing.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
 * Work the clock drives: post-paid monthly invoices and metered fine-tuning jobs. The server's
 * clock only moves forward and all tests share it, so each test opens its own accounts and reads
 * every time relative to the server's now.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BillingClockIT {

  private static final String FINETUNE_SHEET =
      "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.001\"}";

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

  // ------------------------------------------------------------------ invoices

  @Test
  void invoicesAPostpaidMonthOnceFromItsRollupsAndPaysItOnce() {
    moveTo(YearMonth.from(serverNow().atZone(ZoneOffset.UTC)).plusMonths(1).atDay(1), 1);
    YearMonth month = YearMonth.from(serverNow().atZone(ZoneOffset.UTC));
    long account = postpaidAccount();
    long transfer = postpaidAccount();
    long idle = postpaidAccount();
    String image =
        api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.000975\"}");
    String video =
        api.newModel(
            "video", "{\"mode\":\"per_output_second\",\"ratesByResolution\":{\"720p\":\"0.28\"}}");
    charge(account, image, "\"durationMs\":12345");
    charge(account, video, "\"parameters\":{\"seconds\":4,\"resolution\":\"720p\"}");
    charge(account, image, "\"durationMs\":777");
    charge(transfer, image, "\"durationMs\":1000");
    api.advanceClock(Duration.ofDays(3));
    charge(account, image, "\"durationMs\":3333");
    charge(account, video, "\"parameters\":{\"seconds\":\"2.5\",\"resolution\":\"720p\"}");
    assertEquals(0, api.get("accounts/" + account + "/invoices").array().size(), "month not over");

    moveTo(month.plusMonths(1).atDay(1), 1);
    runInvoiceJob();

    JsonArray invoices = api.get("accounts/" + account + "/invoices").array();
    assertEquals(1, invoices.size(), invoices.toString());
    JsonObject invoice = invoices.getJsonObject(0);
    assertEquals(month.toString(), invoice.getString("month"));
    assertEquals("OPEN", invoice.getString("status"));
    assertEquals(account, invoice.getJsonNumber("accountId").longValue());
    assertTrue(invoice.getString("number").startsWith("INV-"), invoice.toString());
    JsonObject usage =
        api.get(
                "accounts/"
                    + account
                    + "/usage?from="
                    + month.atDay(1)
                    + "&to="
                    + month.atEndOfMonth())
            .json();
    assertLinesEqualRollups(usage, invoice);
    assertEquals("1.836044", invoice.getString("total"));
    assertEquals(new BigDecimal("-1.836044"), api.balance(account));
    assertEquals(invoice, api.get("invoices/" + invoice.getJsonNumber("id")).json());

    runInvoiceJob();
    assertEquals(
        invoices, api.get("accounts/" + account + "/invoices").array(), "no second invoice");
    assertEquals(
        List.of("INVOICE_ISSUED:invoice-issued:" + month), notices(account, "INVOICE_ISSUED"));
    JsonObject nothingUsed = api.get("accounts/" + idle + "/invoices").array().getJsonObject(0);
    assertEquals("0.000000", nothingUsed.getString("total"));
    assertEquals("PAID", nothingUsed.getString("status"));
    assertEquals(0, nothingUsed.getJsonArray("lines").size());

    long id = invoice.getJsonNumber("id").longValue();
    String key = api.keyOf(account);
    Api customer = api.as(key);
    Api stranger = api.as(api.keyOf(api.newAccount()));
    assertEquals("invoice_not_found", stranger.get("invoices/" + id).error());
    assertEquals(404, stranger.get("accounts/" + account + "/invoices").status());

    Api.Reply declined = pay(customer, id, "pm_card_declined", "pay-1");
    assertEquals(402, declined.status(), declined.body());
    assertEquals("invoice_payment_declined", declined.error());
    assertEquals("OPEN", api.get("invoices/" + id).json().getString("status"));
    assertEquals(new BigDecimal("-1.836044"), api.balance(account));
    int entries = api.entryCount(account);

    Api.Reply paid = pay(customer, id, "pm_card_visa", "pay-2");
    assertEquals(201, paid.status(), paid.body());
    assertEquals("PAID", paid.json().getString("status"));
    assertNotNull(paid.json().getString("paidAt"));
    // The card pays the total rounded up to whole cents (1.84); the ledger credits what it paid,
    // so the 0.003956 beyond the total is the customer's credit.
    assertEquals(new BigDecimal("0.003956"), api.balance(account));
    assertEquals(entries + 1, api.entryCount(account));
    JsonObject credit =
        api.get("accounts/" + account + "/transactions?limit=1")
            .json()
            .getJsonArray("items")
            .getJsonObject(0);
    assertEquals("INVOICE_PAYMENT", credit.getString("kind"));
    assertEquals("1.840000", credit.getString("amount"));

    Api.Reply replay = pay(customer, id, "pm_card_visa", "pay-2");
    assertEquals(200, replay.status(), replay.body());
    assertEquals(paid.json(), replay.json());
    Api.Reply otherCard = pay(customer, id, "pm_card_mastercard", "pay-2");
    assertEquals(422, otherCard.status(), otherCard.body());
    assertEquals("idempotency_key_reused", otherCard.error());
    Api.Reply again = pay(customer, id, "pm_card_visa", "pay-3");
    assertEquals(409, again.status(), again.body());
    assertEquals("invoice_already_paid", again.error());
    assertEquals(entries + 1, api.entryCount(account));
    assertEquals(new BigDecimal("0.003956"), api.balance(account));

    long transferInvoice =
        api.get("accounts/" + transfer + "/invoices")
            .array()
            .getJsonObject(0)
            .getJsonNumber("id")
            .longValue();
    assertEquals(
        403, pay(api.as(api.keyOf(transfer)), transferInvoice, "bank_transfer", "t").status());
    List<Integer> statuses =
        IntStream.range(0, 3)
            .mapToObj(
                i ->
                    CompletableFuture.supplyAsync(
                        () -> pay(api, transferInvoice, "bank_transfer", "wire-" + i).status()))
            .toList()
            .stream()
            .map(CompletableFuture::join)
            .sorted()
            .toList();
    assertEquals(List.of(201, 409, 409), statuses, "three payments at once: one pays");
    assertEquals("PAID", api.get("invoices/" + transferInvoice).json().getString("status"));
    assertEquals(new BigDecimal("0.000000"), api.balance(transfer));
  }

  @Test
  void aCardPaymentOfAnInvoiceThatTimesOutIsPendingUntilItsKeyOrTheSweepResolvesIt() {
    moveTo(YearMonth.from(serverNow().atZone(ZoneOffset.UTC)).plusMonths(1).atDay(1), 1);
    YearMonth month = YearMonth.from(serverNow().atZone(ZoneOffset.UTC));
    long swept = postpaidAccount();
    long declined = postpaidAccount();
    String image =
        api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.000975\"}");
    charge(swept, image, "\"durationMs\":12345");
    charge(declined, image, "\"durationMs\":12345");
    moveTo(month.plusMonths(1).atDay(1), 1);
    runInvoiceJob();
    long invoice = invoiceOf(swept);
    assertEquals("0.012036", api.get("invoices/" + invoice).json().getString("total"));
    Api customer = api.as(api.keyOf(swept));

    Api.Reply pending = pay(customer, invoice, "pm_card_timeout", "slow-1");

    assertEquals(202, pending.status(), pending.body());
    assertEquals("PENDING", pending.json().getString("status"));
    assertEquals(new BigDecimal("-0.012036"), api.balance(swept));
    Api.Reply otherKey = pay(customer, invoice, "pm_card_visa", "fast-2");
    assertEquals(409, otherKey.status(), otherKey.body());
    assertEquals("invoice_payment_pending", otherKey.error());
    Api.Reply otherCard = pay(customer, invoice, "pm_card_visa", "slow-1");
    assertEquals(422, otherCard.status(), otherCard.body());
    assertEquals("idempotency_key_reused", otherCard.error());
    int entries = api.entryCount(swept);
    assertEquals("0", api.post("test-support/payments/invoice-sweep", "").body().strip());
    assertEquals("PENDING", api.get("invoices/" + invoice).json().getString("status"));

    api.advanceClock(Duration.ofMinutes(10));
    Api.Reply sweep = api.post("test-support/payments/invoice-sweep", "");
    assertEquals(200, sweep.status(), sweep.body());
    api.post("test-support/payments/invoice-sweep", "");

    JsonObject paid = api.get("invoices/" + invoice).json();
    assertEquals("PAID", paid.getString("status"));
    assertEquals(entries + 1, api.entryCount(swept));
    JsonObject credit =
        api.get("accounts/" + swept + "/transactions?limit=1")
            .json()
            .getJsonArray("items")
            .getJsonObject(0);
    assertEquals("INVOICE_PAYMENT", credit.getString("kind"));
    assertEquals("0.020000", credit.getString("amount"));
    assertEquals(new BigDecimal("0.007964"), api.balance(swept));
    Api.Reply replay = pay(customer, invoice, "pm_card_timeout", "slow-1");
    assertEquals(200, replay.status(), replay.body());
    assertEquals(paid, replay.json());

    long refused = invoiceOf(declined);
    Api owner = api.as(api.keyOf(declined));
    assertEquals(202, pay(owner, refused, "pm_card_timeout_declined", "late-no").status());
    Api.Reply decline = pay(owner, refused, "pm_card_timeout_declined", "late-no");
    assertEquals(402, decline.status(), decline.body());
    assertEquals("invoice_payment_declined", decline.error());
    assertEquals("OPEN", api.get("invoices/" + refused).json().getString("status"));
    assertEquals(new BigDecimal("-0.012036"), api.balance(declined));
    Api.Reply visa = pay(owner, refused, "pm_card_visa", "visa-now");
    assertEquals(201, visa.status(), visa.body());
    assertEquals(new BigDecimal("0.007964"), api.balance(declined));
  }

  private long invoiceOf(long account) {
    return api.get("accounts/" + account + "/invoices")
        .array()
        .getJsonObject(0)
        .getJsonNumber("id")
        .longValue();
  }

  @Test
  void refusesBadInvoiceRequestsAndMovesNothing() {
    assertEquals("invoice_not_found", api.get("invoices/987654321").error());
    assertEquals(404, api.get("accounts/987654321/invoices").status());
    Api.Reply noKey =
        api.post("invoices/987654321/payments", "{\"paymentMethod\":\"pm_card_visa\"}");
    assertEquals("idempotency_key_required", noKey.error());
    Api.Reply badBody = pay(api, 987654321, null, "k");
    assertEquals(400, badBody.status(), badBody.body());
    assertEquals("paymentMethod", badBody.json().getString("field"));
    Api.Reply unknown = pay(api, 987654321, "pm_card_visa", "k");
    assertEquals("invoice_not_found", unknown.error());
  }

  private void assertLinesEqualRollups(JsonObject usage, JsonObject invoice) {
    Map<String, JsonObject> rollups = new HashMap<>();
    for (JsonValue line : usage.getJsonArray("models")) {
      rollups.put(line.asJsonObject().getString("model"), line.asJsonObject());
    }
    JsonArray lines = invoice.getJsonArray("lines");
    assertEquals(rollups.size(), lines.size(), invoice.toString());
    assertEquals(2, lines.size());
    for (JsonValue value : lines) {
      JsonObject line = value.asJsonObject();
      JsonObject rollup = rollups.get(line.getString("model"));
      assertNotNull(rollup, line.toString());
      assertEquals(rollup.getJsonNumber("calls"), line.getJsonNumber("calls"));
      assertEquals(rollup.getJsonNumber("totalDurationMs"), line.getJsonNumber("totalDurationMs"));
      assertEquals(rollup.getString("amount"), line.getString("amount"));
    }
    assertEquals(usage.getJsonObject("totals").getString("amount"), invoice.getString("total"));
  }

  private Api.Reply pay(Api as, long invoice, String method, String key) {
    String body = method == null ? "{}" : "{\"paymentMethod\":\"" + method + "\"}";
    return as.post("invoices/" + invoice + "/payments", body, "Idempotency-Key", key);
  }

  private void runInvoiceJob() {
    Api.Reply run = api.post("test-support/jobs/invoices", "");
    assertEquals(200, run.status(), run.body());
  }

  // --------------------------------------------------------------- fine-tunes

  @Test
  void fineTuneCostsExactlyItsDurationHoweverOftenTheMeterRuns() {
    long account = api.newAccount();
    credit(account, "20");
    String model = api.newModel("finetune", FINETUNE_SHEET);
    String requestId = Api.unique("ft");
    JsonObject job = start(account, requestId, model, 201);
    assertEquals("RUNNING", job.getString("status"));
    assertEquals(0, job.getJsonNumber("meteredMs").longValue());
    assertEquals("0.000000", job.getString("charged"));
    assertEquals(job, start(account, requestId, model, 200), "a replay answers the same job");
    long id = job.getJsonNumber("id").longValue();
    Instant startedAt = Instant.parse(job.getString("startedAt"));

    api.advanceClock(Duration.ofSeconds(600));
    meter(null);
    api.advanceClock(Duration.ofSeconds(1800));
    String at = meter(null);
    JsonObject once = job(id);
    int entries = api.entryCount(account);
    meter(at);
    assertEquals(once, job(id), "the meter run twice at one instant charges nothing twice");
    assertEquals(entries, api.entryCount(account));
    api.advanceClock(Duration.ofSeconds(3600));
    meterConcurrently(3);
    api.advanceClock(Duration.ofSeconds(1500));
    meter(null);
    JsonObject running = job(id);
    assertEquals("RUNNING", running.getString("status"));
    long meteredMs = running.getJsonNumber("meteredMs").longValue();
    assertTrue(meteredMs >= 7_500_000, running.toString());
    assertEquals(BigDecimal.valueOf(meteredMs, 6), new BigDecimal(running.getString("charged")));
    assertEquals(new BigDecimal(running.getString("charged")).negate(), fineTuneEntries(account));

    api.advanceClock(Duration.ofSeconds(600));
    Instant endedAt = startedAt.plusMillis(7_987_500);
    Api.Reply completed = complete(id, endedAt, "done-1");
    assertEquals(200, completed.status(), completed.body());
    JsonObject done = completed.json();
    assertEquals("COMPLETED", done.getString("status"));
    assertEquals(7_987_500, done.getJsonNumber("meteredMs").longValue());
    assertEquals("7.987500", done.getString("charged"));
    assertEquals(endedAt.toString(), done.getString("endedAt"));
    assertEquals(new BigDecimal("-7.987500"), fineTuneEntries(account));
    assertEquals(new BigDecimal("13.012500"), api.balance(account));
    List<BigDecimal> announced = announcedDebits(account);
    assertEquals(fineTuneEntryCount(account), announced.size(), "one event per metered debit");
    assertEquals(
        new BigDecimal("7.987500"), announced.stream().reduce(BigDecimal.ZERO, BigDecimal::add));

    assertEquals(done, complete(id, endedAt, "done-1").json(), "a replay answers the same job");
    Api.Reply twice = complete(id, null, "done-2");
    assertEquals(409, twice.status(), twice.body());
    assertEquals("fine_tune_not_running", twice.error());
    meter(null);
    assertEquals(done, job(id));
    assertEquals(new BigDecimal("13.012500"), api.balance(account));
    assertEquals(
        job,
        start(account, requestId, model, 200),
        "a replayed start answers the first answer, whatever the job did since");
    Api.Reply otherModel =
        api.post(
            "fine-tunes", startBody(account, requestId, api.newModel("finetune", FINETUNE_SHEET)));
    assertEquals(422, otherModel.status(), otherModel.body());
    assertEquals("idempotency_key_reused", otherModel.error());
    assertEquals(new BigDecimal("13.012500"), api.balance(account));

    JsonObject usage =
        api.get(
                "accounts/"
                    + account
                    + "/usage?from="
                    + LocalDate.ofInstant(startedAt, ZoneOffset.UTC)
                    + "&to="
                    + LocalDate.ofInstant(endedAt, ZoneOffset.UTC))
            .json();
    JsonObject line = usage.getJsonArray("models").getJsonObject(0);
    assertEquals(model, line.getString("model"));
    assertEquals(1, line.getJsonNumber("calls").longValue());
    assertEquals(7_987_500, line.getJsonNumber("totalDurationMs").longValue());
    assertEquals("7.987500", line.getString("amount"));
  }

  @Test
  void suspendsAJobOutOfCreditAtMostOneMinutePastZeroAndTellsOnce() {
    long account = api.newAccount();
    String model = api.newModel("finetune", FINETUNE_SHEET);
    JsonObject job = start(account, Api.unique("ft"), model, 201);
    long id = job.getJsonNumber("id").longValue();

    api.advanceClock(Duration.ofSeconds(900));
    meter(null);
    assertEquals("RUNNING", job(id).getString("status"));
    api.advanceClock(Duration.ofSeconds(600));
    meter(null);

    JsonObject suspended = job(id);
    assertEquals("SUSPENDED_OUT_OF_CREDITS", suspended.getString("status"));
    BigDecimal balance = api.balance(account);
    assertTrue(balance.signum() <= 0, "balance " + balance);
    assertTrue(balance.compareTo(new BigDecimal("-0.060000")) >= 0, "balance " + balance);
    assertEquals(
        new BigDecimal("1.000000").subtract(balance),
        new BigDecimal(suspended.getString("charged")));
    List<String> told = List.of("FINE_TUNE_SUSPENDED:fine-tune-suspended:" + id);
    assertEquals(told, notices(account, "FINE_TUNE_SUSPENDED"));

    api.advanceClock(Duration.ofSeconds(300));
    meter(null);
    assertEquals(suspended, job(id), "a suspended job is not metered");
    assertEquals(balance, api.balance(account));
    assertEquals(told, notices(account, "FINE_TUNE_SUSPENDED"));
    assertEquals("fine_tune_not_running", complete(id, null, null).error());
    assertEquals(
        "out_of_credits", api.post("fine-tunes", startBody(account, "again", model)).error());
  }

  /**
   * The metering timer reads many jobs per transaction: 30 jobs on three accounts, two with money
   * enough and one that runs out part-way. Each job is charged exactly its time, or, on the account
   * that runs out, exactly what a job-by-job meter charges before it suspends the job; readings are
   * written up to 100 to a transaction, and every debit is announced after it committed.
   */
  @Test
  void manyRunningJobsAreMeteredInSharedTransactionsToTheMicroDollar() {
    long[] accounts = {api.newAccount(), api.newAccount(), api.newAccount()};
    credit(accounts[0], "5");
    credit(accounts[1], "5");
    String model = api.newModel("finetune", FINETUNE_SHEET);
    List<JsonObject> jobs = new ArrayList<>();
    for (int j = 0; j < 30; j++) {
      jobs.add(start(accounts[j % 3], Api.unique("many"), model, 201));
    }
    Scrape before = Scrape.of(base);
    api.advanceClock(Duration.ofSeconds(150));
    Instant at = Instant.parse(meter(null));
    Scrape after = Scrape.of(base);

    // What a job-by-job meter does, in id order: readings of a minute at most, never across a UTC
    // midnight, each debited, the job suspended by the reading that leaves nothing to spend.
    Map<Long, BigDecimal> balances = new HashMap<>();
    balances.put(accounts[0], new BigDecimal("6.000000"));
    balances.put(accounts[1], new BigDecimal("6.000000"));
    balances.put(accounts[2], new BigDecimal("1.000000"));
    int readings = 0;
    int suspended = 0;
    for (JsonObject job : jobs) {
      long account = job.getJsonNumber("accountId").longValue();
      Instant startedAt = Instant.parse(job.getString("startedAt"));
      Instant from = startedAt;
      BigDecimal charged = new BigDecimal("0.000000");
      String status = "RUNNING";
      while (from.isBefore(at)) {
        Instant midnight =
            LocalDate.ofInstant(from, ZoneOffset.UTC)
                .plusDays(1)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        Instant to = Collections.min(List.of(from.plusSeconds(60), at, midnight));
        BigDecimal amount = BigDecimal.valueOf(Duration.between(from, to).toMillis(), 6);
        balances.put(account, balances.get(account).subtract(amount));
        charged = charged.add(amount);
        readings++;
        from = to;
        if (balances.get(account).signum() <= 0) {
          status = "SUSPENDED_OUT_OF_CREDITS";
          suspended++;
          break;
        }
      }
      JsonObject metered = job(job.getJsonNumber("id").longValue());
      assertEquals(status, metered.getString("status"), metered.toString());
      assertEquals(
          Duration.between(startedAt, from).toMillis(),
          metered.getJsonNumber("meteredMs").longValue());
      assertEquals(charged.toPlainString(), metered.getString("charged"));
    }
    assertTrue(suspended >= 1 && suspended < 10, suspended + " jobs suspended");
    for (long account : accounts) {
      assertEquals(balances.get(account), api.balance(account));
      assertEquals(fineTuneEntryCount(account), announcedDebits(account).size());
    }
    assertEquals(
        suspended,
        notices(accounts[2], "FINE_TUNE_SUSPENDED").size(),
        "each suspended job is told of once");
    double written =
        after.value("tally_finetune_reading_group_size_sum")
            - before.value("tally_finetune_reading_group_size_sum");
    double transactions =
        after.value("tally_finetune_reading_group_size_count")
            - before.value("tally_finetune_reading_group_size_count");
    // Other tests' jobs may still run and are read too, in the same transactions.
    assertTrue(written >= readings, written + " readings written, " + readings + " expected");
    assertEquals(Math.ceil(written / 100), transactions, written + " readings");
    assertTrue(transactions < 30, transactions + " transactions for 30 jobs");
  }

  @Test
  void refusesBadFineTuneRequestsAndWritesNothing() {
    long account = api.newAccount();
    String model = api.newModel("finetune", FINETUNE_SHEET);
    String image = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.001\"}");

    assertRefused(startBody(account, "r1", "no-such-model"), 404, "model_not_found", "model");
    assertRefused(startBody(account, "r1", image), 400, "not_a_finetune_model", "model");
    assertRefused(
        "{\"requestId\":\"r1\",\"accountId\":\"abc\",\"model\":\"" + model + "\"}",
        400,
        "invalid_field",
        "accountId");
    assertRefused(
        "{\"requestId\":7,\"accountId\":" + account + ",\"model\":\"" + model + "\"}",
        400,
        "invalid_field",
        "requestId");
    assertRefused(
        "{\"requestId\":\"r1\",\"accountId\":" + account + "}", 400, "missing_field", "model");
    assertRefused(
        "{\"requestId\":\"r1\",\"accountId\":"
            + account
            + ",\"model\":\""
            + model
            + "\",\"gpu\":\"h100\"}",
        400,
        "unknown_field",
        "gpu");
    assertRefused(startBody(987654321, "r1", model), 404, "account_not_found", "accountId");
    assertEquals(
        403,
        api.as(api.keyOf(account)).post("fine-tunes", startBody(account, "r1", model)).status());
    assertEquals("fine_tune_not_found", api.get("fine-tunes/987654321").error());
    assertEquals("fine_tune_not_found", complete(987654321, null, null).error());

    long id = start(account, "r1", model, 201).getJsonNumber("id").longValue();
    Api.Reply future = complete(id, serverNow().plusSeconds(3600), null);
    assertEquals(400, future.status(), future.body());
    assertEquals("endedAt", future.json().getString("field"));
    Api.Reply early = complete(id, serverNow().minusSeconds(3600), null);
    assertEquals("endedAt", early.json().getString("field"));
    Api.Reply garbled = api.post("fine-tunes/" + id + "/complete", "{\"endedAt\":\"yesterday\"}");
    assertEquals("endedAt", garbled.json().getString("field"));
    assertEquals(
        "fine_tune_not_found", api.as(api.keyOf(api.newAccount())).get("fine-tunes/" + id).error());
    assertEquals(
        "RUNNING", api.as(api.keyOf(account)).get("fine-tunes/" + id).json().getString("status"));
    assertEquals(1, api.entryCount(account), "only the free grant");
    assertEquals(new BigDecimal("1.000000"), api.balance(account));
  }

  private void assertRefused(String body, int status, String error, String field) {
    Api.Reply reply = api.post("fine-tunes", body);
    assertEquals(status, reply.status(), reply.body());
    assertEquals(error, reply.error(), reply.body());
    assertEquals(field, reply.json().getString("field", null), reply.body());
  }

  private JsonObject start(long account, String requestId, String model, int status) {
    Api.Reply reply = api.post("fine-tunes", startBody(account, requestId, model));
    assertEquals(status, reply.status(), reply.body());
    return reply.json();
  }

  private static String startBody(long account, String requestId, String model) {
    return "{\"requestId\":\""
        + requestId
        + "\",\"accountId\":"
        + account
        + ",\"model\":\""
        + model
        + "\"}";
  }

  private Api.Reply complete(long id, Instant endedAt, String key) {
    String body = endedAt == null ? "" : "{\"endedAt\":\"" + endedAt + "\"}";
    return key == null
        ? api.post("fine-tunes/" + id + "/complete", body)
        : api.post("fine-tunes/" + id + "/complete", body, "Idempotency-Key", key);
  }

  private JsonObject job(long id) {
    Api.Reply reply = api.get("fine-tunes/" + id);
    assertEquals(200, reply.status(), reply.body());
    return reply.json();
  }

  /** Runs the meter's work {@code runs} times at once, as timers on several servers would. */
  private void meterConcurrently(int runs) {
    List<CompletableFuture<String>> all =
        IntStream.range(0, runs)
            .mapToObj(i -> CompletableFuture.supplyAsync(() -> meter(null)))
            .toList();
    all.forEach(CompletableFuture::join);
  }

  /** Runs the meter timer's work up to now, or to {@code at}; answers the instant it used. */
  private String meter(String at) {
    Api.Reply run = api.post("test-support/jobs/fine-tunes" + (at == null ? "" : "?at=" + at), "");
    assertEquals(200, run.status(), run.body());
    return run.body();
  }

  /** The sum of the account's FINE_TUNE ledger entries. */
  private BigDecimal fineTuneEntries(long account) {
    BigDecimal sum = new BigDecimal("0.000000");
    for (JsonValue entry :
        api.get("accounts/" + account + "/transactions?limit=200").json().getJsonArray("items")) {
      if ("FINE_TUNE".equals(entry.asJsonObject().getString("kind"))) {
        sum = sum.add(new BigDecimal(entry.asJsonObject().getString("amount")));
      }
    }
    return sum;
  }

  private int fineTuneEntryCount(long account) {
    return (int)
        api
            .get("accounts/" + account + "/transactions?limit=200")
            .json()
            .getJsonArray("items")
            .stream()
            .filter(entry -> "FINE_TUNE".equals(entry.asJsonObject().getString("kind")))
            .count();
  }

  /** The amounts of the BalanceLowered events fired for the account. */
  private List<BigDecimal> announcedDebits(long account) {
    return api.get("test-support/balance-lowered?accountId=" + account).array().stream()
        .map(value -> new BigDecimal(((jakarta.json.JsonString) value).getString()))
        .toList();
  }

  // ------------------------------------------------------------------ shared

  private long postpaidAccount() {
    return api.newAccount(
        "{\"email\":\""
            + Api.unique("corp")
            + "@example.com\",\"name\":\"Enterprise\",\"billingMode\":\"POSTPAID\","
            + "\"creditLimit\":\"500\"}");
  }

  private void credit(long account, String amount) {
    Api.Reply reply =
        api.post(
            "accounts/" + account + "/adjustments",
            "{\"amount\":\"" + amount + "\",\"reason\":\"test credit\"}",
            "Idempotency-Key",
            Api.unique("credit"));
    assertEquals(201, reply.status(), reply.body());
  }

  private void charge(long account, String model, String facts) {
    Api.Reply reply =
        api.post(
            "usage",
            "{\"requestId\":\""
                + Api.unique("req")
                + "\",\"accountId\":"
                + account
                + ",\"model\":\""
                + model
                + "\","
                + facts
                + "}");
    assertEquals(201, reply.status(), reply.body());
  }

  /**
   * {@code type:eventKey} of each notification of {@code type} stored for the account, oldest
   * first. (Other features tell of the same events too, e.g. a low balance when a job drains it.)
   */
  private List<String> notices(long account, String type) {
    return api.get("test-support/stored-notifications?accountId=" + account).array().stream()
        .map(JsonValue::asJsonObject)
        .filter(row -> type.equals(row.getString("type")))
        .map(row -> row.getString("type") + ":" + row.getString("eventKey"))
        .toList();
  }

  private Instant serverNow() {
    Api.Reply reply = api.post("test-support/clock?seconds=0", "");
    assertEquals(200, reply.status(), reply.body());
    return Instant.parse(reply.body());
  }

  /** Moves the server's clock forward to {@code hour} o'clock UTC of {@code day}. */
  private void moveTo(LocalDate day, int hour) {
    Instant target = day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
    long seconds = Duration.between(serverNow(), target).toSeconds();
    assertTrue(seconds > 0, "the clock only moves forward");
    api.advanceClock(Duration.ofSeconds(seconds));
  }
}
