package io.tally.billing.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.pricing.spi.PricingPlugin;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
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

/** Pricing, charging, holds, replays, prices over time and usage reports, through HTTP. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ChargingIT {

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
  void newPrepaidAccountHoldsExactlyTheFreeDollar() {
    long account = api.newAccount();

    JsonObject view = api.get("accounts/" + account).json();
    assertEquals("1.000000", view.getString("balance"));
    assertEquals("1.000000", view.getString("available"));
    assertEquals("PREPAID", view.getString("billingMode"));
    JsonArray entries =
        api.get("accounts/" + account + "/transactions").json().getJsonArray("items");
    assertEquals(1, entries.size());
    assertEquals("FREE_GRANT", entries.getJsonObject(0).getString("kind"));
    assertEquals("1.000000", entries.getJsonObject(0).getString("amount"));
  }

  @Test
  void pricesEveryFormulaThroughQuotesAndUsageToTheMicroDollar() {
    long account = fundedAccount("100");
    String perSecond =
        api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.000975\"}");
    String perImage =
        api.newModel(
            "image", "{\"mode\":\"per_image\",\"pricePerImage\":\"0.003\",\"baseMegapixels\":1}");
    String perImageAt1024 =
        api.newModel("image", "{\"mode\":\"per_image\",\"pricePerImage\":\"0.003\"}");
    String video =
        api.newModel(
            "video",
            "{\"mode\":\"per_output_second\",\"ratesByResolution\":{\"480p\":\"0.09\",\"720p\":0.25}}");
    String upscaler =
        api.newModel(
            "upscaler", "{\"mode\":\"per_output_megapixel\",\"pricePerMegapixel\":\"0.0005\"}");
    String finetune =
        api.newModel("finetune", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.001\"}");

    BigDecimal spent = BigDecimal.ZERO;
    spent = spent.add(priced(account, perSecond, "\"durationMs\":12345", "0.012036"));
    spent =
        spent.add(
            priced(
                account,
                perImage,
                "\"parameters\":{\"width\":2048,\"height\":2048,\"numImages\":3}",
                "0.037749"));
    spent = spent.add(priced(account, perImage, "\"parameters\":{}", "0.003146"));
    // Without a base in the sheet, the base is 1024×1024: the default image costs the price.
    spent = spent.add(priced(account, perImageAt1024, "\"parameters\":{}", "0.003000"));
    spent =
        spent.add(
            priced(account, perImage, "\"parameters\":{\"width\":512,\"height\":512}", "0.003000"));
    spent =
        spent.add(
            priced(
                account,
                video,
                "\"parameters\":{\"seconds\":5,\"resolution\":\"720p\"}",
                "1.250000"));
    spent =
        spent.add(
            priced(
                account,
                video,
                "\"parameters\":{\"seconds\":\"2.5\",\"resolution\":\"480p\"}",
                "0.225000"));
    spent =
        spent.add(
            priced(
                account,
                upscaler,
                "\"parameters\":{\"outputWidth\":4096,\"outputHeight\":4096}",
                "0.008389"));
    spent = spent.add(priced(account, finetune, "\"durationMs\":7987500", "7.987500"));

    assertEquals(new BigDecimal("101.000000").subtract(spent), api.balance(account));
  }

  /** Quotes and charges one call; both must say {@code amount}. Answers the amount. */
  private BigDecimal priced(long account, String model, String facts, String amount) {
    Api.Reply quote = api.post("quotes", "{\"model\":\"" + model + "\"," + facts + "}");
    assertEquals(200, quote.status(), quote.body());
    assertEquals(amount, quote.json().getString("amount"), model + " quote");
    Api.Reply charge = charge(account, model, facts);
    assertEquals(201, charge.status(), charge.body());
    assertEquals(amount, charge.json().getString("amount"), model + " charge");
    JsonObject pricedBy = charge.json().getJsonObject("pricedBy");
    assertEquals(1, pricedBy.getInt("priceVersion"));
    // Image 1.1.0 measures the base in pixels; the other shipped plugins are still 1.0.0.
    String version = "image".equals(pricedBy.getString("plugin")) ? "1.1.0" : "1.0.0";
    assertEquals(version, pricedBy.getString("version"));
    return new BigDecimal(amount);
  }

  @Test
  void workflowCostsTheSumOfItsPartsOneLineEach() {
    long account = fundedAccount("10");
    String image = api.newModel("image", "{\"mode\":\"per_image\",\"pricePerImage\":\"0.025\"}");
    String video =
        api.newModel(
            "video", "{\"mode\":\"per_output_second\",\"ratesByResolution\":{\"720p\":\"0.28\"}}");
    String upscaler =
        api.newModel("upscaler", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.000725\"}");
    String parts =
        "[{\"model\":\""
            + image
            + "\",\"parameters\":{\"width\":1024,\"height\":768}},"
            + "{\"model\":\""
            + video
            + "\",\"parameters\":{\"seconds\":4,\"resolution\":\"720p\"}},"
            + "{\"model\":\""
            + upscaler
            + "\",\"durationMs\":8100}]";

    Api.Reply quote = api.post("quotes", "{\"workflow\":\"storyboard\",\"parts\":" + parts + "}");
    Api.Reply charge =
        api.post(
            "usage",
            "{\"requestId\":\""
                + Api.unique("wf")
                + "\",\"accountId\":"
                + account
                + ",\"workflow\":\"storyboard\",\"parts\":"
                + parts
                + "}");

    assertEquals(201, charge.status(), charge.body());
    JsonArray lines = charge.json().getJsonArray("lineItems");
    assertEquals(3, lines.size());
    assertEquals("0.025000", lines.getJsonObject(0).getString("amount"));
    assertEquals("1.120000", lines.getJsonObject(1).getString("amount"));
    assertEquals("0.005873", lines.getJsonObject(2).getString("amount"));
    assertEquals("1.150873", charge.json().getString("amount"));
    assertEquals("1.150873", quote.json().getString("amount"));
    assertEquals(video, lines.getJsonObject(1).getString("model"));
    assertEquals("video", lines.getJsonObject(1).getJsonObject("pricedBy").getString("plugin"));
    assertEquals(new BigDecimal("9.849127"), api.balance(account));
  }

  @Test
  void refusesChargePastTheBalanceAndLeavesItUntouched() {
    long account = api.newAccount();
    String model = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.01\"}");
    assertEquals(201, charge(account, model, "\"durationMs\":60000").status());

    Api.Reply refused = charge(account, model, "\"durationMs\":60000");

    assertEquals(402, refused.status(), refused.body());
    assertEquals("out_of_credits", refused.error());
    assertEquals("0.400000", refused.json().getString("balance"));
    assertEquals("0.600000", refused.json().getString("required"));
    assertEquals(new BigDecimal("0.400000"), api.balance(account));
    assertEquals(
        2, api.get("accounts/" + account + "/transactions").json().getJsonArray("items").size());
  }

  @Test
  void batchChargesEachEventOnItsOwnAndRefusesOnlyWhatTheMoneyCannotCover() {
    long account = api.newAccount();
    String model = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.01\"}");
    String events =
        "{\"events\":["
            + batchEvent("b1", account, model, 40_000)
            + ","
            + batchEvent("b2", account, model, 40_000)
            + ","
            + batchEvent("b3", account, model, 40_000)
            + ","
            + batchEvent("b4", account, model, 10_000)
            + ","
            + batchEvent("b1", account, model, 40_000)
            + "]}";

    JsonArray first = api.post("usage/batch", events).json().getJsonArray("results");
    JsonArray again = api.post("usage/batch", events).json().getJsonArray("results");

    assertEquals(201, first.getJsonObject(0).getInt("status"));
    assertEquals(201, first.getJsonObject(1).getInt("status"));
    assertEquals(402, first.getJsonObject(2).getInt("status"));
    assertEquals(
        "out_of_credits", first.getJsonObject(2).getJsonObject("error").getString("error"));
    assertEquals("0.200000", first.getJsonObject(2).getJsonObject("error").getString("balance"));
    assertEquals(201, first.getJsonObject(3).getInt("status"));
    assertEquals("0.100000", first.getJsonObject(3).getJsonObject("charge").getString("balance"));
    // The same requestId twice in one batch: the second answers the first's charge.
    assertEquals(200, first.getJsonObject(4).getInt("status"));
    assertEquals(
        first.getJsonObject(0).getJsonObject("charge").getJsonNumber("id"),
        first.getJsonObject(4).getJsonObject("charge").getJsonNumber("id"));
    assertEquals(200, again.getJsonObject(0).getInt("status"));
    assertEquals(402, again.getJsonObject(2).getInt("status"));
    assertEquals(200, again.getJsonObject(3).getInt("status"));
    assertEquals(new BigDecimal("0.100000"), api.balance(account));
  }

  /** Places a hold for a call of {@code durationMs} on the account. */
  private Api.Reply hold(long account, String model, long durationMs) {
    return api.post(
        "authorizations",
        "{\"accountId\":"
            + account
            + ",\"model\":\""
            + model
            + "\",\"durationMs\":"
            + durationMs
            + "}");
  }

  private static String batchEvent(String requestId, long account, String model, long durationMs) {
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

  /**
   * The business metrics at /metrics move with the calls: charges and money per model (exact
   * micro-dollars), a 402 by its reason, single-call latency, plugin pricing time, batch and group
   * sizes; the outbox gauge is served.
   */
  @Test
  void metricsCountChargesMoneyRefusalsAndBatchesAsScraped() {
    long account = api.newAccount();
    String model = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.01\"}");
    Scrape before = Scrape.of(base);

    assertEquals(201, charge(account, model, "\"durationMs\":12345").status());
    assertEquals(201, charge(account, model, "\"durationMs\":60000").status());
    Api.Reply refused = charge(account, model, "\"durationMs\":60000");
    assertEquals(402, refused.status(), refused.body());
    String events =
        "{\"events\":["
            + batchEvent(Api.unique("m1"), account, model, 1_000)
            + ","
            + batchEvent(Api.unique("m2"), account, model, 2_000)
            + "]}";
    assertEquals(200, api.post("usage/batch", events).status());
    Scrape after = Scrape.of(base);

    String[] ofModel = {"model", model, "mp_scope", "application"};
    assertEquals(4, after.value("tally_charges_total", ofModel), after.names());
    // 0.123450 + 0.600000 + 0.010000 + 0.020000 dollars.
    assertEquals(753_450, after.value("tally_charged_microdollars_total", ofModel));
    assertEquals(
        1,
        moved(before, after, "tally_charge_refusals_total", "reason", "out_of_credits"),
        after.names());
    assertEquals(3, moved(before, after, "tally_charge_duration_seconds_count"));
    assertEquals(
        5, moved(before, after, "tally_pricing_duration_seconds_count", "plugin", "image"));
    assertEquals(1, moved(before, after, "tally_batch_size_count"));
    assertEquals(2, moved(before, after, "tally_batch_size_sum"));
    assertEquals(1, moved(before, after, "tally_batch_group_size_count"));
    assertEquals(1, moved(before, after, "tally_batch_event_duration_seconds_count"));
    assertTrue(after.has("tally_notification_outbox_depth"), after.names());
    // Every reason and outcome is served before it first happens, for alert rules.
    assertTrue(after.has("tally_charge_refusals_total", "reason", "fair_use_limit_reached"));
    for (String payments :
        List.of(
            "tally_auto_recharges_total", "tally_renewals_total", "tally_invoice_payments_total")) {
      for (String outcome : List.of("succeeded", "declined", "pending", "failed")) {
        assertTrue(after.has(payments, "outcome", outcome), payments + " " + outcome);
      }
    }
    assertEquals(new BigDecimal("0.246550"), api.balance(account));
  }

  private static double moved(Scrape before, Scrape after, String name, String... labels) {
    return after.value(name, labels) - before.value(name, labels);
  }

  @Test
  void postpaidAccountIsRefusedPastItsCreditLimit() {
    long account =
        api.newAccount(
            "{\"email\":\""
                + Api.unique("corp")
                + "@example.com\",\"name\":\"Corp\",\"billingMode\":\"POSTPAID\",\"creditLimit\":\"1.00\"}");
    String model = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.01\"}");
    assertEquals(new BigDecimal("0.000000"), api.balance(account));
    assertEquals("ENTERPRISE", api.get("accounts/" + account).json().getString("plan"));

    assertEquals(201, charge(account, model, "\"durationMs\":60000").status());
    Api.Reply refused = charge(account, model, "\"durationMs\":60000");

    assertEquals(402, refused.status(), refused.body());
    assertEquals("credit_limit_exceeded", refused.error());
    assertEquals(new BigDecimal("-0.600000"), api.balance(account));
  }

  @Test
  void replayOfARequestIdAnswersTheFirstChargeAndMovesNothing() {
    long account = api.newAccount();
    String model = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.001\"}");
    String body =
        "{\"requestId\":\"r-1\",\"accountId\":"
            + account
            + ",\"model\":\""
            + model
            + "\",\"durationMs\":1500}";

    Api.Reply first = api.post("usage", body);
    Api.Reply again = api.post("usage", body);

    assertEquals(201, first.status(), first.body());
    assertEquals(200, again.status(), again.body());
    assertEquals(first.json(), again.json(), "a replay answers the first charge exactly");
    assertEquals("0.998500", again.json().getString("balance"));
    assertEquals(new BigDecimal("0.998500"), api.balance(account));
  }

  @Test
  void requestIdsThatDifferOnlyInCaseAreTwoEvents() {
    long account = api.newAccount();
    String model = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.001\"}");

    Api.Reply upper =
        api.post(
            "usage",
            "{\"requestId\":\"Req-A\",\"accountId\":"
                + account
                + ",\"model\":\""
                + model
                + "\",\"durationMs\":1000}");
    Api.Reply lower =
        api.post(
            "usage",
            "{\"requestId\":\"req-a\",\"accountId\":"
                + account
                + ",\"model\":\""
                + model
                + "\",\"durationMs\":5000}");

    assertEquals(201, upper.status(), upper.body());
    assertEquals(201, lower.status(), lower.body());
    assertEquals("0.005000", lower.json().getString("amount"));
    assertEquals(new BigDecimal("0.994000"), api.balance(account));
  }

  @Test
  void futurePriceLeavesTodaysQuotesAloneAndPricesCallsByTheirStart() {
    String model = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.001\"}");
    Instant from = Instant.now().plus(Duration.ofDays(30));
    Api.Reply scheduled =
        api.put(
            "models/" + model + "/price",
            "{\"pricing\":{\"mode\":\"per_second\",\"ratePerSecond\":\"0.002\"},\"effectiveFrom\":\""
                + from
                + "\"}");
    assertEquals(200, scheduled.status(), scheduled.body());
    assertEquals(1, scheduled.json().getInt("priceVersion"));
    assertEquals(2, scheduled.json().getJsonArray("scheduled").getJsonObject(0).getInt("version"));

    assertEquals("0.010000", quote(model, 10_000).getString("amount"));

    api.advanceClock(Duration.ofDays(31));
    JsonObject later = quote(model, 10_000);
    assertEquals("0.020000", later.getString("amount"));
    assertEquals(2, later.getJsonObject("pricedBy").getInt("priceVersion"));
    long account = api.newAccount();
    Api.Reply startedBefore =
        api.post(
            "usage",
            "{\"requestId\":\"late\",\"accountId\":"
                + account
                + ",\"model\":\""
                + model
                + "\",\"durationMs\":10000,\"startedAt\":\""
                + from.minusSeconds(60)
                + "\"}");
    assertEquals(201, startedBefore.status(), startedBefore.body());
    assertEquals("0.010000", startedBefore.json().getString("amount"));
    assertEquals(1, startedBefore.json().getJsonObject("pricedBy").getInt("priceVersion"));
  }

  @Test
  void holdLowersAvailableAndTheUsageThatNamesItSettlesIt() {
    long account = api.newAccount();
    String model = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.01\"}");
    Api.Reply hold = hold(account, model, 30_000);
    assertEquals(201, hold.status(), hold.body());
    assertEquals("0.300000", hold.json().getString("amount"));
    assertEquals(new BigDecimal("0.700000"), api.available(account));
    assertEquals(new BigDecimal("1.000000"), api.balance(account));

    Api.Reply charge =
        api.post(
            "usage",
            "{\"requestId\":\"held\",\"accountId\":"
                + account
                + ",\"model\":\""
                + model
                + "\",\"durationMs\":20000,\"authorizationId\":"
                + hold.json().getJsonNumber("id")
                + "}");

    assertEquals(201, charge.status(), charge.body());
    assertEquals(new BigDecimal("0.800000"), api.balance(account));
    assertEquals(new BigDecimal("0.800000"), api.available(account));
  }

  @Test
  void batchSettlesTheHoldAnEventNamesAndChargesTheOthersBesideIt() {
    long account = api.newAccount();
    String model = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.01\"}");
    Api.Reply hold = hold(account, model, 30_000);
    assertEquals(201, hold.status(), hold.body());
    String held =
        "{\"requestId\":\"batch-held\",\"accountId\":"
            + account
            + ",\"model\":\""
            + model
            + "\",\"durationMs\":20000,\"authorizationId\":"
            + hold.json().getJsonNumber("id")
            + "}";

    JsonArray results =
        api.post(
                "usage/batch",
                "{\"events\":["
                    + batchEvent("batch-before", account, model, 10_000)
                    + ","
                    + held
                    + ","
                    + batchEvent("batch-after", account, model, 10_000)
                    + "]}")
            .json()
            .getJsonArray("results");

    for (int i = 0; i < 3; i++) {
      assertEquals(201, results.getJsonObject(i).getInt("status"), results.toString());
    }
    assertEquals("0.200000", results.getJsonObject(1).getJsonObject("charge").getString("amount"));
    // $1.00 less $0.10, $0.20 and $0.10; the hold's $0.30 is released.
    assertEquals(new BigDecimal("0.600000"), api.balance(account));
    assertEquals(new BigDecimal("0.600000"), api.available(account));
    assertTrue(api.reconciliation().getBoolean("ok"));
  }

  @Test
  void holdLargerThanAvailableIsRefused() {
    long account = api.newAccount();
    String model = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.01\"}");
    Api.Reply hold = hold(account, model, 300_000);
    assertEquals(402, hold.status(), hold.body());
    assertEquals("out_of_credits", hold.error());
    assertEquals(new BigDecimal("1.000000"), api.available(account));
  }

  @Test
  void settledAuthorizationNamedAgainIsBalanceCheckedLikeAnyCall() {
    long account = api.newAccount();
    String video =
        api.newModel(
            "video",
            "{\"mode\":\"per_output_second\",\"ratesByResolution\":"
                + "{\"480p\":\"0.05\",\"720p\":\"0.08\",\"1080p\":\"0.10\"}}");
    Api.Reply hold =
        api.post(
            "authorizations",
            "{\"accountId\":"
                + account
                + ",\"model\":\""
                + video
                + "\",\"parameters\":{\"seconds\":1,\"resolution\":\"1080p\"}}");
    assertEquals(201, hold.status(), hold.body());
    assertEquals("0.100000", hold.json().getString("amount"));
    long holdId = hold.json().getJsonNumber("id").longValue();
    Api.Reply settled = onHold("settle-1", account, video, holdId, 1, "720p");
    assertEquals(201, settled.status(), settled.body());
    assertEquals("0.920000", settled.json().getString("balance"));

    Api.Reply again = onHold("settle-2", account, video, holdId, 600, "1080p");

    assertEquals(402, again.status(), again.body());
    assertEquals("out_of_credits", again.error());
    assertEquals("60.000000", again.json().getString("required"));
    assertEquals(new BigDecimal("0.920000"), api.balance(account));
    assertEquals(new BigDecimal("0.920000"), api.available(account));
    assertEquals(2, api.entryCount(account));
    JsonObject batched =
        api.post(
                "usage/batch",
                "{\"events\":["
                    + onHoldBody("settle-batch", account, video, holdId, 600, "1080p")
                    + "]}")
            .json()
            .getJsonArray("results")
            .getJsonObject(0);
    assertEquals(402, batched.getInt("status"), batched.toString());
    assertEquals(new BigDecimal("0.920000"), api.balance(account));

    // A closed hold's usage that the account can pay for is charged as an unauthorized call.
    Api.Reply small = onHold("settle-3", account, video, holdId, 1, "480p");
    assertEquals(201, small.status(), small.body());
    assertEquals("0.870000", small.json().getString("balance"));
    assertEquals(new BigDecimal("0.870000"), api.available(account));
  }

  @Test
  void usageNamingAnExpiredHoldPaysWhenItCanAndIsRefusedWhenItCannot() {
    long account = api.newAccount();
    String model = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.01\"}");
    Api.Reply hold = hold(account, model, 30_000);
    assertEquals(201, hold.status(), hold.body());
    api.advanceClock(Duration.ofSeconds(901));
    Poll.until(
        () -> api.available(account).compareTo(BigDecimal.ONE) == 0,
        Duration.ofSeconds(30),
        "the expiry timer releases the hold");
    long holdId = hold.json().getJsonNumber("id").longValue();

    Api.Reply pays = usageOnHold("expired-1", account, model, holdId, 20_000);
    Api.Reply refused = usageOnHold("expired-2", account, model, holdId, 90_000);

    assertEquals(201, pays.status(), pays.body());
    assertEquals("0.800000", pays.json().getString("balance"));
    assertEquals(402, refused.status(), refused.body());
    assertEquals("out_of_credits", refused.error());
    assertEquals(new BigDecimal("0.800000"), api.balance(account));
    assertEquals(new BigDecimal("0.800000"), api.available(account));
  }

  @Test
  void usageNamingAnotherAccountsAuthorizationIsNotFoundAndChangesNothing() {
    long owner = api.newAccount();
    long other = api.newAccount();
    String model = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.01\"}");
    Api.Reply hold = hold(owner, model, 30_000);
    assertEquals(201, hold.status(), hold.body());
    long holdId = hold.json().getJsonNumber("id").longValue();

    Api.Reply foreign = usageOnHold("foreign", other, model, holdId, 20_000);
    Api.Reply missing = usageOnHold("missing", other, model, holdId + 1_000_000, 20_000);

    assertEquals(404, foreign.status(), foreign.body());
    assertEquals("authorization_not_found", foreign.error());
    assertEquals(404, missing.status(), missing.body());
    assertEquals(new BigDecimal("1.000000"), api.balance(other));
    assertEquals(1, api.entryCount(other));
    assertEquals(new BigDecimal("1.000000"), api.balance(owner));
    assertEquals(new BigDecimal("0.700000"), api.available(owner));
    // The hold is still the owner's to settle.
    Api.Reply own = usageOnHold("own", owner, model, holdId, 20_000);
    assertEquals(201, own.status(), own.body());
    assertEquals(new BigDecimal("0.800000"), api.available(owner));
  }

  @Test
  void chargeAboveHoldPlusAvailableIsRefusedAndTheHoldStaysOpen() {
    long account = api.newAccount();
    String model = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.01\"}");
    Api.Reply hold = hold(account, model, 30_000);
    assertEquals(201, hold.status(), hold.body());
    long holdId = hold.json().getJsonNumber("id").longValue();

    Api.Reply over = usageOnHold("over", account, model, holdId, 100_001);

    assertEquals(402, over.status(), over.body());
    assertEquals("out_of_credits", over.error());
    assertEquals("1.000010", over.json().getString("required"));
    assertEquals(new BigDecimal("1.000000"), api.balance(account));
    assertEquals(new BigDecimal("0.700000"), api.available(account));

    // Still open: hold + available pays exactly the whole balance.
    Api.Reply exact = usageOnHold("exact", account, model, holdId, 100_000);
    assertEquals(201, exact.status(), exact.body());
    assertEquals("0.000000", exact.json().getString("balance"));
    assertEquals(new BigDecimal("0.000000"), api.available(account));
  }

  @Test
  void requestIdReplayedWithAnotherBodyIsRefusedAndMovesNothing() {
    long account = api.newAccount();
    String model = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.001\"}");
    String other = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.001\"}");
    Api.Reply first = api.post("usage", usageBody("fp-1", account, model, 1500, ""));
    assertEquals(201, first.status(), first.body());

    Api.Reply longer = api.post("usage", usageBody("fp-1", account, model, 1600, ""));
    Api.Reply otherModel = api.post("usage", usageBody("fp-1", account, other, 1500, ""));
    Api.Reply reordered =
        api.post(
            "usage",
            "{\"durationMs\":1500,\"model\":\""
                + model
                + "\",\"accountId\":"
                + account
                + ",\"requestId\":\"fp-1\"}");
    JsonArray batch =
        api.post(
                "usage/batch",
                "{\"events\":["
                    + usageBody("fp-1", account, model, 1500, "")
                    + ","
                    + usageBody("fp-1", account, model, 9000, "")
                    + "]}")
            .json()
            .getJsonArray("results");

    assertEquals(422, longer.status(), longer.body());
    assertEquals("idempotency_key_reused", longer.error());
    assertEquals("requestId", longer.json().getString("field"));
    assertEquals(422, otherModel.status(), otherModel.body());
    assertEquals(200, reordered.status(), reordered.body());
    assertEquals(first.json(), reordered.json());
    assertEquals(200, batch.getJsonObject(0).getInt("status"), batch.toString());
    assertEquals(422, batch.getJsonObject(1).getInt("status"), batch.toString());
    assertEquals(new BigDecimal("0.998500"), api.balance(account));
    assertEquals(2, api.entryCount(account));
  }

  @Test
  void failingObserverAfterTheCommitDoesNotFailTheCharge() {
    long account = api.newAccount();
    String model = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.01\"}");
    assertEquals(204, api.post("test-support/failing-observer/" + account, "").status());

    Api.Reply charged = charge(account, model, "\"durationMs\":90000");
    Api.Reply refused = charge(account, model, "\"durationMs\":20000");

    assertEquals(201, charged.status(), charged.body());
    assertEquals("0.100000", charged.json().getString("balance"));
    assertEquals(402, refused.status(), refused.body());
    assertEquals("out_of_credits", refused.error());
    assertEquals(new BigDecimal("0.100000"), api.balance(account));
    assertEquals(2, api.entryCount(account));
    // The other observers of the same event still ran.
    assertEquals(
        "[\"0.900000\"]",
        api.get("test-support/balance-lowered?accountId=" + account).body().replace(" ", ""));
    Api.Reply later = charge(account, model, "\"durationMs\":10000");
    assertEquals(201, later.status(), later.body());
    assertEquals("0.000000", later.json().getString("balance"));
  }

  @Test
  void expiredHoldIsReleasedByTheTimer() throws InterruptedException {
    long account = api.newAccount();
    String model = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.01\"}");
    assertEquals(201, hold(account, model, 30_000).status());
    assertEquals(new BigDecimal("0.700000"), api.available(account));

    api.advanceClock(Duration.ofSeconds(901));

    BigDecimal available = api.available(account);
    for (int poll = 0; poll < 100 && available.compareTo(BigDecimal.ONE) != 0; poll++) {
      Thread.onSpinWait();
      java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
      available = api.available(account);
    }
    assertEquals(new BigDecimal("1.000000"), available);
  }

  @Test
  void usageReportShowsCallsSecondsAverageDurationAndCostPerModel() {
    long account = fundedAccount("10");
    String a = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.001\"}");
    String b = api.newModel("upscaler", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.002\"}");
    for (long ms : new long[] {1000, 2000, 4000}) {
      assertEquals(201, charge(account, a, "\"durationMs\":" + ms).status());
    }
    assertEquals(201, charge(account, b, "\"durationMs\":500").status());

    JsonObject report =
        api.get("accounts/" + account + "/usage?from=2000-01-01&to=2100-12-31").json();

    JsonArray models = report.getJsonArray("models");
    assertEquals(2, models.size());
    JsonObject first = models.getJsonObject(0);
    assertEquals(a, first.getString("model"));
    assertEquals(3, first.getInt("calls"));
    assertEquals(7000, first.getInt("totalDurationMs"));
    assertEquals(Math.round(7000 / 3.0), first.getInt("averageDurationMs"));
    assertEquals("0.007000", first.getString("amount"));
    JsonObject second = models.getJsonObject(1);
    assertEquals(500, second.getInt("averageDurationMs"));
    assertEquals("0.001000", second.getString("amount"));
    JsonObject totals = report.getJsonObject("totals");
    assertEquals(4, totals.getInt("calls"));
    assertEquals(7500, totals.getInt("totalDurationMs"));
    assertEquals(1875, totals.getInt("averageDurationMs"));
    assertEquals("0.008000", totals.getString("amount"));
  }

  @Test
  void failedCallCostsNothingByDefaultAndTheVersionsMinimumOrShareWhenSet() {
    long account = fundedAccount("10");
    String sheet = "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.01\"}";
    String model = api.newModel("image", sheet);
    Api.Reply free = charge(account, model, "\"durationMs\":4000,\"outcome\":\"failed\"");
    assertEquals(201, free.status(), free.body());
    assertEquals("0.000000", free.json().getString("amount"));
    assertEquals(1, free.json().getInt("failedCalls"));
    JsonObject line = free.json().getJsonArray("lineItems").getJsonObject(0);
    assertEquals("failed call", line.getString("unit"));
    assertEquals("0.000000", line.getString("amount"));
    assertEquals(new BigDecimal("11.000000"), api.balance(account));

    Api.Reply priced =
        api.put(
            "models/" + model,
            "{\"family\":\"image\",\"name\":\"with a failed-call price\",\"pricing\":"
                + sheet
                + ",\"failedCalls\":{\"minimum\":\"0.001\",\"share\":0.5}}");
    assertEquals(200, priced.status(), priced.body());
    assertEquals(2, priced.json().getInt("priceVersion"));
    assertEquals(
        "{\"minimum\":\"0.001000\",\"share\":\"0.500000\"}",
        priced.json().getJsonObject("failedCalls").toString());
    // A share of what the call would have cost, at least the minimum, never more than the call.
    assertEquals("0.020000", failed(account, model, 4000).getString("amount"));
    assertEquals("0.001000", failed(account, model, 100).getString("amount"));
    assertEquals("0.000500", failed(account, model, 50).getString("amount"));
    assertEquals(2, failed(account, model, 50).getJsonObject("pricedBy").getInt("priceVersion"));
    String image = api.newModel("image", "{\"mode\":\"per_image\",\"pricePerImage\":\"0.025\"}");
    Api.Reply minimum =
        api.put(
            "models/" + image + "/price",
            "{\"pricing\":{\"mode\":\"per_image\",\"pricePerImage\":\"0.025\"},"
                + "\"failedCalls\":{\"minimum\":\"0.003\"},\"effectiveFrom\":\""
                + serverNow()
                + "\"}");
    assertEquals(200, minimum.status(), minimum.body());
    Api.Reply failedImage = charge(account, image, "\"outcome\":\"failed\"");
    assertEquals(201, failedImage.status(), failedImage.body());
    assertEquals("0.003000", failedImage.json().getString("amount"));
    assertEquals(new BigDecimal("10.975000"), api.balance(account));
  }

  @Test
  void aFailedCallReplayedAnswersItsChargeAndAnotherOutcomeUnderItsRequestIdIs422() {
    long account = api.newAccount();
    String model = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.01\"}");
    String body = usageBody("failed-once", account, model, 5000, ",\"outcome\":\"failed\"");

    Api.Reply first = api.post("usage", body);
    Api.Reply again = api.post("usage", body);
    Api.Reply succeeded = api.post("usage", usageBody("failed-once", account, model, 5000, ""));

    assertEquals(201, first.status(), first.body());
    assertEquals(200, again.status(), again.body());
    assertEquals(first.json(), again.json());
    assertEquals(422, succeeded.status(), succeeded.body());
    assertEquals("idempotency_key_reused", succeeded.error());
    assertEquals(new BigDecimal("1.000000"), api.balance(account));
    assertEquals(2, api.entryCount(account));
  }

  @Test
  void queueAndColdStartTimeAreRecordedAndNeverBilled() {
    long account = fundedAccount("10");
    String model = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.01\"}");

    Api.Reply plain = charge(account, model, "\"durationMs\":3000");
    Api.Reply waited =
        charge(account, model, "\"durationMs\":3000,\"queueMs\":120000,\"coldStartMs\":45000");
    Api.Reply replay = api.post("usage", usageBody("waited", account, model, 3000, WAITS));
    Api.Reply replayed = api.post("usage", usageBody("waited", account, model, 3000, WAITS));

    assertEquals(201, plain.status(), plain.body());
    assertEquals(201, waited.status(), waited.body());
    assertEquals("0.030000", plain.json().getString("amount"));
    assertEquals("0.030000", waited.json().getString("amount"));
    assertEquals(plain.json().getJsonArray("lineItems"), waited.json().getJsonArray("lineItems"));
    assertEquals(0, plain.json().getJsonNumber("queueMs").longValue());
    assertEquals(120000, waited.json().getJsonNumber("queueMs").longValue());
    assertEquals(45000, waited.json().getJsonNumber("coldStartMs").longValue());
    assertEquals(0, waited.json().getInt("failedCalls"));
    assertEquals(201, replay.status(), replay.body());
    assertEquals(replay.json(), replayed.json(), "the waits are stored with the charge");
    JsonObject report =
        api.get("accounts/" + account + "/usage?from=2000-01-01&to=2100-12-31").json();
    assertEquals(9000, report.getJsonObject("totals").getInt("totalDurationMs"));
    assertEquals(new BigDecimal("10.910000"), api.balance(account));
  }

  private static final String WAITS = ",\"queueMs\":\"120000\",\"coldStartMs\":45000";

  @Test
  void usageApiShowsFailedCallsPerModelAndTheAverageCountsSucceededCallsOnly() {
    long account = fundedAccount("10");
    String a = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.001\"}");
    String b = api.newModel("upscaler", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.002\"}");
    assertEquals(201, charge(account, a, "\"durationMs\":1000").status());
    assertEquals(201, charge(account, a, "\"durationMs\":3000").status());
    failed(account, a, 10_000);
    failed(account, b, 700);

    JsonObject report =
        api.get("accounts/" + account + "/usage?from=2000-01-01&to=2100-12-31").json();

    JsonObject first = report.getJsonArray("models").getJsonObject(0);
    assertEquals(a, first.getString("model"));
    assertEquals(3, first.getInt("calls"));
    assertEquals(1, first.getInt("failedCalls"));
    assertEquals(4000, first.getInt("totalDurationMs"));
    assertEquals(2000, first.getInt("averageDurationMs"));
    assertEquals("0.004000", first.getString("amount"));
    JsonObject second = report.getJsonArray("models").getJsonObject(1);
    assertEquals(b, second.getString("model"));
    assertEquals(1, second.getInt("calls"));
    assertEquals(1, second.getInt("failedCalls"));
    assertEquals(0, second.getInt("totalDurationMs"));
    assertEquals(0, second.getInt("averageDurationMs"));
    assertEquals("0.000000", second.getString("amount"));
    JsonObject totals = report.getJsonObject("totals");
    assertEquals(4, totals.getInt("calls"));
    assertEquals(2, totals.getInt("failedCalls"));
    assertEquals(2000, totals.getInt("averageDurationMs"));
  }

  @Test
  void anAuthorizedFailedCallSettlesAtItsFailedPriceAndReleasesTheHold() {
    long account = api.newAccount();
    String sheet = "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.01\"}";
    String free = api.newModel("image", sheet);
    String withMinimum = Api.unique("image");
    Api.Reply defined =
        api.put(
            "models/" + withMinimum,
            "{\"family\":\"image\",\"name\":\"minimum\",\"pricing\":"
                + sheet
                + ",\"failedCalls\":{\"minimum\":\"0.05\"}}");
    assertEquals(201, defined.status(), defined.body());
    Api.Reply freeHold = hold(account, free, 30_000);
    Api.Reply minimumHold = hold(account, withMinimum, 30_000);
    assertEquals(new BigDecimal("0.400000"), api.available(account));

    Api.Reply freeCharge =
        api.post(
            "usage",
            usageBody(
                "held-failed",
                account,
                free,
                20_000,
                ",\"outcome\":\"failed\",\"authorizationId\":" + freeHold.json().get("id")));
    assertEquals(201, freeCharge.status(), freeCharge.body());
    assertEquals("0.000000", freeCharge.json().getString("amount"));
    assertEquals(new BigDecimal("0.700000"), api.available(account));
    JsonObject batched =
        api.post(
                "usage/batch",
                "{\"events\":["
                    + usageBody(
                        "held-failed-minimum",
                        account,
                        withMinimum,
                        20_000,
                        ",\"outcome\":\"failed\",\"authorizationId\":"
                            + minimumHold.json().get("id"))
                    + "]}")
            .json()
            .getJsonArray("results")
            .getJsonObject(0);

    assertEquals(201, batched.getInt("status"), batched.toString());
    assertEquals("0.050000", batched.getJsonObject("charge").getString("amount"));
    assertEquals(new BigDecimal("0.950000"), api.balance(account));
    assertEquals(new BigDecimal("0.950000"), api.available(account));
  }

  @Test
  void batchAndWorkflowChargeEachCallByItsOwnOutcome() {
    long account = fundedAccount("10");
    String model = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.01\"}");
    String workflow =
        "{\"requestId\":\""
            + Api.unique("wf")
            + "\",\"accountId\":"
            + account
            + ",\"workflow\":\"retry\",\"parts\":[{\"model\":\""
            + model
            + "\",\"durationMs\":2000,\"outcome\":\"failed\",\"coldStartMs\":30000},"
            + "{\"model\":\""
            + model
            + "\",\"durationMs\":2500,\"queueMs\":400}]}";

    JsonArray results =
        api.post(
                "usage/batch",
                "{\"events\":["
                    + usageBody(Api.unique("b"), account, model, 1000, ",\"outcome\":\"failed\"")
                    + ","
                    + usageBody(Api.unique("b"), account, model, 1000, "")
                    + ","
                    + workflow
                    + "]}")
            .json()
            .getJsonArray("results");

    for (int i = 0; i < 3; i++) {
      assertEquals(201, results.getJsonObject(i).getInt("status"), results.toString());
    }
    assertEquals("0.000000", results.getJsonObject(0).getJsonObject("charge").getString("amount"));
    assertEquals("0.010000", results.getJsonObject(1).getJsonObject("charge").getString("amount"));
    JsonObject run = results.getJsonObject(2).getJsonObject("charge");
    assertEquals("0.025000", run.getString("amount"));
    assertEquals(1, run.getInt("failedCalls"));
    assertEquals(400, run.getInt("queueMs"));
    assertEquals(30000, run.getInt("coldStartMs"));
    assertEquals("0.000000", run.getJsonArray("lineItems").getJsonObject(0).getString("amount"));
    assertEquals("0.025000", run.getJsonArray("lineItems").getJsonObject(1).getString("amount"));
    JsonObject totals =
        api.get("accounts/" + account + "/usage?from=2000-01-01&to=2100-12-31")
            .json()
            .getJsonObject("totals");
    assertEquals(4, totals.getInt("calls"));
    assertEquals(2, totals.getInt("failedCalls"));
    assertEquals(3500, totals.getInt("totalDurationMs"));
    assertEquals(new BigDecimal("10.965000"), api.balance(account));
  }

  @Test
  void badOutcomesWaitsAndFailedCallPricesAre400NamingTheFieldAndChangeNothing() {
    long account = api.newAccount();
    String model = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.01\"}");
    String part = "{\"model\":\"" + model + "\",\"durationMs\":1000";
    String[][] cases = {
      {usageBody("bad-1", account, model, 1000, ",\"outcome\":\"crashed\""), "outcome"},
      {usageBody("bad-2", account, model, 1000, ",\"outcome\":true"), "outcome"},
      {usageBody("bad-3", account, model, 1000, ",\"queueMs\":-1"), "queueMs"},
      {usageBody("bad-4", account, model, 1000, ",\"coldStartMs\":86400001"), "coldStartMs"},
      {usageBody("bad-5", account, model, 1000, ",\"queueMs\":\"soon\""), "queueMs"},
      {usageBody("bad-6", account, model, 1000, ",\"coldStartMs\":1.5"), "coldStartMs"},
      {
        "{\"requestId\":\"bad-7\",\"accountId\":"
            + account
            + ",\"workflow\":\"w\",\"parts\":["
            + part
            + "},"
            + part
            + ",\"coldStartMs\":-5}]}",
        "parts[1].coldStartMs"
      },
      {
        "{\"requestId\":\"bad-8\",\"accountId\":"
            + account
            + ",\"workflow\":\"w\",\"outcome\":\"failed\",\"parts\":["
            + part
            + "}]}",
        "outcome"
      },
      {
        "{\"requestId\":\"bad-9\",\"accountId\":"
            + account
            + ",\"workflow\":\"w\",\"parts\":["
            + part
            + ",\"outcome\":\"lost\"}]}",
        "parts[0].outcome"
      },
    };
    for (String[] bad : cases) {
      Api.Reply reply = api.post("usage", bad[0]);
      assertEquals(400, reply.status(), bad[0] + " -> " + reply.body());
      assertEquals(bad[1], reply.json().getString("field"), reply.body());
      JsonObject batched =
          api.post("usage/batch", "{\"events\":[" + bad[0] + "]}")
              .json()
              .getJsonArray("results")
              .getJsonObject(0);
      assertEquals(400, batched.getInt("status"), batched.toString());
      // A batch names a field of the event's own body as events[i].field.
      assertTrue(
          batched.getJsonObject("error").getString("field").endsWith(bad[1]), batched.toString());
    }
    String sheet = "\"pricing\":{\"mode\":\"per_second\",\"ratePerSecond\":\"0.01\"}";
    String[][] prices = {
      {"{\"share\":\"1.5\"}", "failedCalls.share"},
      {"{\"minimum\":\"-0.01\"}", "failedCalls.minimum"},
      {"{\"minimum\":\"0.0000001\"}", "failedCalls.minimum"},
      {"{\"cap\":1}", "failedCalls.cap"},
      {"\"0.5\"", "failedCalls"},
    };
    for (String[] bad : prices) {
      Api.Reply reply =
          api.put(
              "models/" + model,
              "{\"family\":\"image\",\"name\":\"x\"," + sheet + ",\"failedCalls\":" + bad[0] + "}");
      assertEquals(400, reply.status(), reply.body());
      assertEquals(bad[1], reply.json().getString("field"), reply.body());
    }
    JsonObject unchanged = api.get("models/" + model).json();
    assertEquals(1, unchanged.getInt("priceVersion"));
    assertTrue(!unchanged.containsKey("failedCalls") || unchanged.isNull("failedCalls"));
    assertEquals(new BigDecimal("1.000000"), api.balance(account));
    assertEquals(1, api.entryCount(account));
  }

  /** Charges a failed call of {@code durationMs}; answers the charge. */
  private JsonObject failed(long account, String model, long durationMs) {
    Api.Reply reply =
        charge(account, model, "\"durationMs\":" + durationMs + ",\"outcome\":\"failed\"");
    assertEquals(201, reply.status(), reply.body());
    return reply.json();
  }

  /** The server's clock now, which other tests of the deployment may have moved. */
  private String serverNow() {
    Api.Reply reply = api.post("test-support/clock?seconds=0", "");
    assertEquals(200, reply.status(), reply.body());
    return reply.body().strip();
  }

  @Test
  void transactionsArePagedNewestFirst() {
    long account = api.newAccount();
    String model = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.001\"}");
    for (int i = 0; i < 4; i++) {
      assertEquals(201, charge(account, model, "\"durationMs\":1000").status());
    }

    JsonObject page1 = api.get("accounts/" + account + "/transactions?limit=2").json();
    JsonObject page2 =
        api.get(
                "accounts/"
                    + account
                    + "/transactions?limit=2&cursor="
                    + page1.getString("nextCursor"))
            .json();
    JsonObject page3 =
        api.get(
                "accounts/"
                    + account
                    + "/transactions?limit=2&cursor="
                    + page2.getString("nextCursor"))
            .json();

    assertEquals(2, page1.getJsonArray("items").size());
    assertEquals(
        "0.996000", page1.getJsonArray("items").getJsonObject(0).getString("balanceAfter"));
    assertTrue(
        page1.getJsonArray("items").getJsonObject(0).getJsonNumber("id").longValue()
            > page1.getJsonArray("items").getJsonObject(1).getJsonNumber("id").longValue());
    assertEquals(2, page2.getJsonArray("items").size());
    assertEquals(1, page3.getJsonArray("items").size());
    assertEquals("FREE_GRANT", page3.getJsonArray("items").getJsonObject(0).getString("kind"));
    assertFalse(page3.containsKey("nextCursor"), page3.toString());
  }

  @Test
  void adjustmentMovesMoneyOncePerIdempotencyKey() {
    long account = api.newAccount();
    String body = "{\"amount\":\"5.25\",\"reason\":\"goodwill for an outage\"}";

    Api.Reply first =
        api.post("accounts/" + account + "/adjustments", body, "Idempotency-Key", "adj-1");
    Api.Reply again =
        api.post("accounts/" + account + "/adjustments", body, "Idempotency-Key", "adj-1");
    Api.Reply other =
        api.post(
            "accounts/" + account + "/adjustments",
            "{\"amount\":\"6\",\"reason\":\"x\"}",
            "Idempotency-Key",
            "adj-1");
    Api.Reply debit =
        api.post(
            "accounts/" + account + "/adjustments",
            "{\"amount\":\"-7\",\"reason\":\"too much\"}",
            "Idempotency-Key",
            "adj-2");

    assertEquals(201, first.status(), first.body());
    assertEquals(200, again.status(), again.body());
    assertEquals(first.json().getJsonNumber("id"), again.json().getJsonNumber("id"));
    assertEquals("goodwill for an outage", first.json().getString("reference"));
    assertEquals("admin", first.json().getString("createdBy"));
    assertEquals(422, other.status(), other.body());
    assertEquals(409, debit.status(), debit.body());
    assertEquals("insufficient_balance", debit.error());
    assertEquals(new BigDecimal("6.250000"), api.balance(account));
  }

  @Test
  void adjustmentReplayAnswersTheFirstEvenAfterTheBalanceFell() {
    long account = api.newAccount();
    String model = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.01\"}");
    String debit = "{\"amount\":\"-0.5\",\"reason\":\"correction\"}";
    String credit = "{\"amount\":\"0.25\",\"reason\":\"goodwill\"}";
    String path = "accounts/" + account + "/adjustments";
    Api.Reply firstDebit = api.post(path, debit, "Idempotency-Key", "debit-1");
    Api.Reply firstCredit = api.post(path, credit, "Idempotency-Key", "credit-1");
    assertEquals(201, firstDebit.status(), firstDebit.body());
    assertEquals(201, firstCredit.status(), firstCredit.body());
    assertEquals(201, charge(account, model, "\"durationMs\":70000").status());
    assertEquals(new BigDecimal("0.050000"), api.balance(account));

    Api.Reply debitAgain = api.post(path, debit, "Idempotency-Key", "debit-1");
    Api.Reply creditAgain = api.post(path, credit, "Idempotency-Key", "credit-1");
    Api.Reply otherAmount =
        api.post(
            path, "{\"amount\":\"-0.6\",\"reason\":\"correction\"}", "Idempotency-Key", "debit-1");
    Api.Reply otherReason =
        api.post(path, "{\"amount\":\"-0.5\",\"reason\":\"other\"}", "Idempotency-Key", "debit-1");

    assertEquals(200, debitAgain.status(), debitAgain.body());
    assertEquals(firstDebit.json(), debitAgain.json());
    assertEquals("0.500000", debitAgain.json().getString("balanceAfter"));
    assertEquals(200, creditAgain.status(), creditAgain.body());
    assertEquals(firstCredit.json(), creditAgain.json());
    assertEquals(422, otherAmount.status(), otherAmount.body());
    assertEquals("idempotency_key_reused", otherAmount.error());
    assertEquals(422, otherReason.status(), otherReason.body());
    assertEquals(new BigDecimal("0.050000"), api.balance(account));
    assertEquals(4, api.entryCount(account));
  }

  @Test
  void healthReportsTheDatabaseAndThePluginsUp() throws Exception {
    String newest = newestMigration();
    JsonObject all = health("/health");
    JsonObject ready = health("/health/ready");
    JsonObject live = health("/health/live");
    JsonObject started = health("/health/started");

    // Each check once (billing-health is one bean archive, in WEB-INF/lib).
    assertEquals(
        List.of("database", "jvm", "migrations", "pricing-plugins", "started"), checkNames(all));
    assertEquals(List.of("database", "migrations", "pricing-plugins"), checkNames(ready));
    // Payara writes every data value as a JSON string, numbers included.
    assertTrue(Long.parseLong(check(ready, "database").getString("pingMs")) >= 0, ready.toString());
    JsonObject migrations = check(ready, "migrations");
    assertEquals(newest, migrations.getString("version"));
    assertEquals(newest, migrations.getString("newest"));
    JsonObject plugins = check(ready, "pricing-plugins");
    assertEquals("4", plugins.getString("loaded"));
    assertEquals("", plugins.getString("refused"));
    assertEquals("", plugins.getString("problems"));

    assertEquals(List.of("jvm"), checkNames(live));
    JsonObject jvm = check(live, "jvm");
    assertEquals("", jvm.getString("deadlockedThreads"));
    assertTrue(Integer.parseInt(jvm.getString("threads")) > 0, jvm.toString());
    assertTrue(Long.parseLong(jvm.getString("heapMaxMb")) > 0, jvm.toString());

    assertEquals(List.of("started"), checkNames(started));
    assertEquals(newest, check(started, "started").getString("schema"));
    assertEquals("4", check(started, "started").getString("plugins"));
  }

  /** One health endpoint's answer, asserted UP (200) with every check UP. */
  private JsonObject health(String path) throws Exception {
    Api.Reply reply = api.as(null).get(base.toURI().resolve(path).toString());
    assertEquals(200, reply.status(), path + ": " + reply.body());
    assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
    JsonObject health = reply.json();
    assertEquals("UP", health.getString("status"), health.toString());
    for (JsonObject check : health.getJsonArray("checks").getValuesAs(JsonObject.class)) {
      assertEquals("UP", check.getString("status"), path + ": " + check);
    }
    return health;
  }

  /** The checks' names, sorted, as often as the answer lists them. */
  private static List<String> checkNames(JsonObject health) {
    return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
        .map(check -> check.getString("name"))
        .sorted()
        .toList();
  }

  /** The data of the check called {@code name}. */
  private static JsonObject check(JsonObject health, String name) {
    return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
        .filter(check -> name.equals(check.getString("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no check " + name + " in " + health))
        .getJsonObject("data");
  }

  /** The newest migration in the source tree (V12__x.sql: "12"), as the jar under test ships it. */
  private static String newestMigration() throws java.io.IOException {
    try (var files =
        java.nio.file.Files.list(
            java.nio.file.Path.of("../billing-ejb/src/main/resources/db/migration"))) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.matches("V[0-9]+__.*\\.sql"))
          .map(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
          .max(Integer::compare)
          .map(String::valueOf)
          .orElseThrow();
    }
  }

  @Test
  void listsTheLoadedPluginsWithTheirJars() {
    JsonArray plugins = api.get("plugins").array();
    assertEquals(4, plugins.size());
    for (JsonObject plugin : plugins.getValuesAs(JsonObject.class)) {
      assertTrue(
          plugin.getString("source").startsWith("pricing-" + plugin.getString("id")),
          plugin.toString());
      assertEquals(PricingPlugin.SPI_VERSION, plugin.getString("spiVersion"));
    }
  }

  @Test
  void modelIsUpdatedInPlaceAndANewSheetBecomesANewVersion() {
    String model =
        api.newModel(
            "video", "{\"mode\":\"per_output_second\",\"ratesByResolution\":{\"720p\":\"0.25\"}}");

    Api.Reply updated =
        api.put(
            "models/" + model,
            "{\"family\":\"video\",\"name\":\"Renamed\",\"gpu\":\"H100\",\"pricing\":{\"mode\":\"per_output_second\",\"ratesByResolution\":{\"720p\":\"0.30\"}}}");

    assertEquals(200, updated.status(), updated.body());
    assertEquals(2, updated.json().getInt("priceVersion"));
    assertEquals("Renamed", api.get("models/" + model).json().getString("name"));
    assertEquals(
        "0.300000",
        quoteParams(model, "{\"seconds\":1,\"resolution\":\"720p\"}").getString("amount"));
    assertNotEquals(0, api.get("models").array().size());
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

  private Api.Reply charge(long account, String model, String facts) {
    return api.post(
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
  }

  private Api.Reply usageOnHold(
      String requestId, long account, String model, long holdId, long durationMs) {
    return api.post(
        "usage",
        usageBody(requestId, account, model, durationMs, ",\"authorizationId\":" + holdId));
  }

  private Api.Reply onHold(
      String requestId, long account, String video, long holdId, int seconds, String resolution) {
    return api.post("usage", onHoldBody(requestId, account, video, holdId, seconds, resolution));
  }

  private static String onHoldBody(
      String requestId, long account, String video, long holdId, int seconds, String resolution) {
    return "{\"requestId\":\""
        + requestId
        + "\",\"accountId\":"
        + account
        + ",\"model\":\""
        + video
        + "\",\"parameters\":{\"seconds\":"
        + seconds
        + ",\"resolution\":\""
        + resolution
        + "\"},\"authorizationId\":"
        + holdId
        + "}";
  }

  private static String usageBody(
      String requestId, long account, String model, long durationMs, String more) {
    return "{\"requestId\":\""
        + requestId
        + "\",\"accountId\":"
        + account
        + ",\"model\":\""
        + model
        + "\",\"durationMs\":"
        + durationMs
        + more
        + "}";
  }

  private JsonObject quote(String model, long durationMs) {
    Api.Reply reply =
        api.post("quotes", "{\"model\":\"" + model + "\",\"durationMs\":" + durationMs + "}");
    assertEquals(200, reply.status(), reply.body());
    return reply.json();
  }

  private JsonObject quoteParams(String model, String parameters) {
    Api.Reply reply =
        api.post("quotes", "{\"model\":\"" + model + "\",\"parameters\":" + parameters + "}");
    assertEquals(200, reply.status(), reply.body());
    return reply.json();
  }
}
