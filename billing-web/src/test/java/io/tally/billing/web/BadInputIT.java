package io.tally.billing.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.net.URL;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rule 6: bad input gets a clear 4xx naming the field at fault, never a 500, and changes nothing.
 * Each bad request is a named test of its own; the test account's view is compared before and after
 * each one, and the whole state (reconciliation, balance, entries, catalog) after all of them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BadInputIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.tally();
  }

  @ArquillianResource URL base;

  private Api api;

  /** The account every bad request aims at; it must end exactly as it started. */
  private long account;

  private String email;

  /** An account with a hold on it, whose hold another account's charge must not name. */
  private long otherAccount;

  private long othersHold;

  private String perSecond;
  private String perImage;
  private String video;
  private String upscaler;

  /** Two seconds of it cost $2, twice what a new account holds. */
  private String dear;

  @TestFactory
  List<DynamicTest> everyBadInputAnswersA4xxNamingTheFaultAndChangesNothing() {
    api = Api.admin(base);
    openAccountsAndModels();
    State before = State.read(api, account);
    assertTrue(before.reconciled(), "the ledger reconciles before the bad inputs");

    List<DynamicTest> tests = new ArrayList<>();
    Stream.of(bodies(), usageFields(), parameters(), workflows(), batches(), catalog(), ledger())
        .flatMap(List::stream)
        .forEach(bad -> tests.add(dynamicTest(bad.name(), () -> bad.check(api, account))));
    tests.add(
        dynamicTest(
            "a batch charges its good events and refuses its bad one, each on its own",
            this::batchChargesEachEventOnItsOwn));
    tests.add(
        dynamicTest(
            "after all of them: same balance, entries, accounts and catalog; ledger reconciles",
            () -> nothingChangedSince(before)));
    return tests;
  }

  private void nothingChangedSince(State before) {
    State after = State.read(api, account);
    assertTrue(after.reconciled(), "the ledger reconciles");
    assertEquals(before.balance(), after.balance(), "balance");
    assertEquals(before.available(), after.available(), "available");
    assertEquals(before.entries(), after.entries(), "ledger entries");
    assertEquals(before.accounts(), after.accounts(), "accounts");
    assertEquals(before.models(), after.models(), "models");
    assertEquals(before.catalog(), after.catalog(), "catalog");
  }

  private void openAccountsAndModels() {
    email = Api.unique("bad-input") + "@example.com";
    account = api.newAccount("{\"email\":\"" + email + "\",\"name\":\"Bad input\"}");
    otherAccount = api.newAccount();
    perSecond = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.001\"}");
    perImage = api.newModel("image", "{\"mode\":\"per_image\",\"pricePerImage\":\"0.003\"}");
    video =
        api.newModel(
            "video", "{\"mode\":\"per_output_second\",\"ratesByResolution\":{\"720p\":\"0.25\"}}");
    upscaler =
        api.newModel(
            "upscaler", "{\"mode\":\"per_output_megapixel\",\"pricePerMegapixel\":\"0.0005\"}");
    dear = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"1\"}");
    Api.Reply hold =
        api.post(
            "authorizations",
            json(
                "{'accountId':"
                    + otherAccount
                    + ",'model':'"
                    + perSecond
                    + "','durationMs':1000}"));
    assertEquals(201, hold.status(), hold.body());
    othersHold = hold.json().getJsonNumber("id").longValue();
  }

  // ---------------------------------------------------------------- the cases

  private List<Case> bodies() {
    String good = usage("'model':'" + perSecond + "','durationMs':1000");
    return List.of(
        bad("malformed JSON")
            .post("usage", "{\"requestId\":\"r\",\"accountId\":")
            .is(400, "malformed_json"),
        bad("empty body").post("usage", "").is(400, "malformed_json"),
        bad("JSON array instead of an object")
            .post("usage", "[" + good + "]")
            .is(400, "malformed_json"),
        bad("JSON followed by more text")
            .post("usage", good + " and more")
            .is(400, "malformed_json"),
        bad("two JSON objects in one body").post("usage", good + good).is(400, "malformed_json"),
        bad("JSON nested deeper than any request needs")
            .post(
                "usage",
                usage(
                    "'model':'"
                        + perImage
                        + "','parameters':{'width':"
                        + "[".repeat(5000)
                        + "]".repeat(5000)
                        + "}"))
            .is(400, "malformed_json"),
        bad("text/plain body")
            .post("usage", good)
            .with("Content-Type", "text/plain")
            .is(415, "unsupported_media_type"),
        bad("answer accepted only as HTML")
            .post("usage", good)
            .with("Accept", "text/html")
            .is(406, "not_acceptable"),
        bad("unknown path").get("no-such-thing").is(404, "not_found"),
        bad("DELETE on usage").delete("usage").is(405, "method_not_allowed"),
        bad("account id that is not a number").get("accounts/abc").is(404, "not_found"));
  }

  private List<Case> usageFields() {
    String model = "'model':'" + perSecond + "'";
    return List.of(
        bad("unknown field")
            .post("usage", usage(model + ",'durationMs':1,'colour':'red'"))
            .is(400, "unknown_field", "colour"),
        bad("missing requestId")
            .post("usage", json("{'accountId':" + account + "," + model + ",'durationMs':1}"))
            .is(400, "missing_field", "requestId"),
        bad("null requestId")
            .post(
                "usage",
                json("{'requestId':null,'accountId':" + account + "," + model + ",'durationMs':1}"))
            .is(400, "missing_field", "requestId"),
        bad("requestId as a number")
            .post(
                "usage",
                json("{'requestId':7,'accountId':" + account + "," + model + ",'durationMs':1}"))
            .is(400, "invalid_field", "requestId"),
        bad("requestId of 201 characters")
            .post(
                "usage",
                json(
                    "{'requestId':'"
                        + "r".repeat(201)
                        + "','accountId':"
                        + account
                        + ","
                        + model
                        + ",'durationMs':1}"))
            .is(400, "invalid_field", "requestId"),
        bad("missing accountId")
            .post(
                "usage",
                json("{'requestId':'" + Api.unique("r") + "'," + model + ",'durationMs':1}"))
            .is(400, "missing_field", "accountId"),
        bad("accountId 'abc'")
            .post("usage", usageOn("'abc'", model))
            .is(400, "invalid_field", "accountId"),
        bad("accountId 0").post("usage", usageOn("0", model)).is(400, "invalid_field", "accountId"),
        bad("accountId beyond a long")
            .post("usage", usageOn("99999999999999999999", model))
            .is(400, "invalid_field", "accountId"),
        bad("unknown account")
            .post("usage", usageOn("999999999", model + ",'durationMs':1"))
            .is(404, "account_not_found", "accountId"),
        bad("missing model")
            .post("usage", usage("'durationMs':1000"))
            .is(400, "missing_field", "model"),
        bad("model as an object")
            .post("usage", usage("'model':{'id':'x'},'durationMs':1"))
            .is(400, "invalid_field", "model"),
        bad("unknown model")
            .post("usage", usage("'model':'no-such-model','durationMs':1"))
            .is(404, "model_not_found", "model"),
        bad("unknown model in non-Latin letters")
            .post("usage", usage("'model':'\u6a21\u578b-1','durationMs':1"))
            .is(404, "model_not_found", "model"),
        bad("durationMs 'x'")
            .post("usage", usage(model + ",'durationMs':'x'"))
            .is(400, "invalid_field", "durationMs"),
        bad("durationMs 1.5")
            .post("usage", usage(model + ",'durationMs':1.5"))
            .is(400, "invalid_field", "durationMs"),
        bad("durationMs -1")
            .post("usage", usage(model + ",'durationMs':-1"))
            .is(400, "invalid_parameter", "durationMs"),
        bad("durationMs 86400001")
            .post("usage", usage(model + ",'durationMs':86400001"))
            .is(400, "invalid_parameter", "durationMs"),
        bad("durationMs 1e400")
            .post("usage", usage(model + ",'durationMs':1e400"))
            .is(400, "invalid_field", "durationMs"),
        bad("per_second model without durationMs")
            .post("usage", usage(model))
            .is(400, "invalid_parameter", "durationMs"),
        bad("parameters as a string")
            .post("usage", usage("'model':'" + perImage + "','parameters':'numImages=2'"))
            .is(400, "invalid_field", "parameters"),
        bad("startedAt far in the future")
            .post("usage", usage(model + ",'durationMs':1,'startedAt':'2999-01-01T00:00:00Z'"))
            .is(400, "invalid_field", "startedAt"),
        bad("startedAt 'yesterday'")
            .post("usage", usage(model + ",'durationMs':1,'startedAt':'yesterday'"))
            .is(400, "invalid_field", "startedAt"),
        bad("startedAt before the model had a price")
            .post("usage", usage(model + ",'durationMs':1,'startedAt':'2001-01-01T00:00:00Z'"))
            .is(400, "no_price_in_force", "startedAt"),
        bad("authorizationId that does not exist")
            .post("usage", usage(model + ",'durationMs':1,'authorizationId':999999999"))
            .is(404, "authorization_not_found", "authorizationId"),
        bad("authorizationId of another account's hold")
            .post("usage", usage(model + ",'durationMs':1,'authorizationId':" + othersHold))
            .is(404, "authorization_not_found", "authorizationId"),
        bad("call that costs more than the balance")
            .post("usage", usage("'model':'" + dear + "','durationMs':2000"))
            .is(402, "out_of_credits"),
        bad("hold that costs more than the balance")
            .post(
                "authorizations",
                json("{'accountId':" + account + ",'model':'" + dear + "','durationMs':2000}"))
            .is(402, "out_of_credits"),
        bad("hold with a negative duration")
            .post(
                "authorizations",
                json("{'accountId':" + account + "," + model + ",'durationMs':-5}"))
            .is(400, "invalid_parameter", "durationMs"),
        bad("quote of an unknown model")
            .post("quotes", json("{'model':'no-such-model'}"))
            .is(404, "model_not_found", "model"));
  }

  private List<Case> parameters() {
    return List.of(
        image("numImages 0", "{'numImages':0}", "parameters.numImages"),
        image("numImages 17", "{'numImages':17}", "parameters.numImages"),
        image("numImages 'many'", "{'numImages':'many'}", "parameters.numImages"),
        image("numImages 1e400", "{'numImages':1e400}", "parameters.numImages"),
        image("width 63", "{'width':63}", "parameters.width"),
        image("width 8193", "{'width':8193}", "parameters.width"),
        image("height 1.5", "{'height':1.5}", "parameters.height"),
        call(
            "video resolution not in the sheet",
            video,
            "{'seconds':5,'resolution':'4k'}",
            "parameters.resolution"),
        call("video without resolution", video, "{'seconds':5}", "parameters.resolution"),
        call("video seconds 0", video, "{'seconds':0,'resolution':'720p'}", "parameters.seconds"),
        call(
            "video seconds 601",
            video,
            "{'seconds':601,'resolution':'720p'}",
            "parameters.seconds"),
        call(
            "upscaler without outputWidth",
            upscaler,
            "{'outputHeight':2048}",
            "parameters.outputWidth"));
  }

  private List<Case> workflows() {
    String part = "{'model':'" + perSecond + "','durationMs':1000}";
    return List.of(
        bad("workflow with empty parts")
            .post("usage", usage("'workflow':'w','parts':[]"))
            .is(400, "invalid_field", "parts"),
        bad("workflow of 101 parts")
            .post(
                "usage",
                usage(
                    "'workflow':'w','parts':["
                        + String.join(",", Collections.nCopies(101, part))
                        + "]"))
            .is(400, "invalid_field", "parts"),
        bad("workflow without a name")
            .post("usage", usage("'parts':[" + part + "]"))
            .is(400, "missing_field", "workflow"),
        bad("workflow part with an unknown model")
            .post(
                "usage",
                usage(
                    "'workflow':'w','parts':["
                        + part
                        + ",{'model':'no-such-model','durationMs':1}]"))
            .is(404, "model_not_found", "parts[1].model"),
        bad("workflow part with an unknown field")
            .post(
                "usage",
                usage(
                    "'workflow':'w','parts':[{'model':'"
                        + perSecond
                        + "','durationMs':1,'colour':'red'}]"))
            .is(400, "unknown_field", "parts[0].colour"),
        bad("workflow part that is not an object")
            .post("usage", usage("'workflow':'w','parts':[" + part + ",'image']"))
            .is(400, "invalid_field", "parts[1]"),
        bad("workflow part with a bad parameter")
            .post(
                "usage",
                usage(
                    "'workflow':'w','parts':[{'model':'"
                        + perImage
                        + "','parameters':{'numImages':0}}]"))
            .is(400, "invalid_parameter", "parts[0].parameters.numImages"),
        bad("model and parts together")
            .post(
                "usage", usage("'model':'" + perSecond + "','workflow':'w','parts':[" + part + "]"))
            .is(400, "invalid_field", "model"));
  }

  private List<Case> batches() {
    String good = usage("'model':'" + perSecond + "','durationMs':1000");
    String thousandAndOne =
        IntStream.range(0, 1001).mapToObj(i -> "{}").collect(Collectors.joining(","));
    return List.of(
        bad("batch of 1001 events")
            .post("usage/batch", "{\"events\":[" + thousandAndOne + "]}")
            .is(400, "invalid_field", "events"),
        bad("batch without events").post("usage/batch", "{}").is(400, "missing_field", "events"),
        bad("batch whose events are not an array")
            .post("usage/batch", json("{'events':{}}"))
            .is(400, "invalid_field", "events"),
        bad("batch with an event that is not an object")
            .post("usage/batch", "{\"events\":[" + good + ",5]}")
            .is(400, "invalid_field", "events[1]"));
  }

  private List<Case> catalog() {
    String rate = "{'mode':'per_second','ratePerSecond':'0.002'}";
    String tomorrow = Instant.now().plus(1, ChronoUnit.DAYS).toString();
    return List.of(
        newModel("unknown family", definition("hologram", rate))
            .is(400, "unknown_family", "family"),
        newModel("price sheet without a mode", definition("image", "{'ratePerSecond':'0.1'}"))
            .is(400, "invalid_price_sheet", "pricing.mode"),
        newModel(
                "price sheet with an unknown mode",
                definition("image", "{'mode':'per_token','ratePerSecond':'0.1'}"))
            .is(400, "invalid_price_sheet", "pricing.mode"),
        newModel(
                "negative rate",
                definition("image", "{'mode':'per_second','ratePerSecond':'-0.001'}"))
            .is(400, "invalid_price_sheet", "pricing.ratePerSecond"),
        newModel(
                "empty ratesByResolution",
                definition("video", "{'mode':'per_output_second','ratesByResolution':{}}"))
            .is(400, "invalid_price_sheet", "pricing.ratesByResolution"),
        newModel("pricing as a string", definition("image", "'cheap'"))
            .is(400, "invalid_field", "pricing"),
        newModel("model without a name", json("{'family':'image','pricing':" + rate + "}"))
            .is(400, "missing_field", "name"),
        bad("model id in upper case")
            .put("models/Bad-Model", definition("image", rate))
            .is(400, "invalid_field", "id"),
        bad("model id with a space")
            .put("models/bad%20model", definition("image", rate))
            .is(400, "invalid_field", "id"),
        bad("changing a model's family")
            .put("models/" + perSecond, definition("video", rate))
            .is(400, "invalid_field", "family"),
        bad("price effective in the past")
            .put(
                "models/" + perSecond + "/price",
                json("{'pricing':" + rate + ",'effectiveFrom':'2020-01-01'}"))
            .is(400, "invalid_field", "effectiveFrom"),
        bad("price without effectiveFrom")
            .put("models/" + perSecond + "/price", json("{'pricing':" + rate + "}"))
            .is(400, "missing_field", "effectiveFrom"),
        bad("price for an unknown model")
            .put(
                "models/no-such-model/price",
                json("{'pricing':" + rate + ",'effectiveFrom':'" + tomorrow + "'}"))
            .is(404, "model_not_found"),
        bad("unknown model read").get("models/no-such-model").is(404, "model_not_found", "id"));
  }

  private List<Case> ledger() {
    String adjustments = "accounts/" + account + "/adjustments";
    String credit = json("{'amount':'5','reason':'goodwill'}");
    String upper = email.toUpperCase(Locale.ROOT);
    return List.of(
        bad("adjustment without Idempotency-Key")
            .post(adjustments, credit)
            .is(400, "idempotency_key_required", "Idempotency-Key"),
        bad("Idempotency-Key of 201 characters")
            .post(adjustments, credit)
            .with("Idempotency-Key", "k".repeat(201))
            .is(400, "invalid_field", "Idempotency-Key"),
        adjustment(
            "adjustment of zero",
            "{'amount':'0','reason':'nothing'}",
            400,
            "invalid_field",
            "amount"),
        adjustment("adjustment without a reason", "{'amount':'5'}", 400, "missing_field", "reason"),
        adjustment(
            "adjustment naming its amount twice",
            "{'amount':'1','reason':'which one','amount':'1000'}",
            400,
            "malformed_json",
            null),
        adjustment(
            "adjustment with 7 decimal places",
            "{'amount':'0.0000001','reason':'dust'}",
            400,
            "invalid_field",
            "amount"),
        adjustment(
            "adjustment of 1e20",
            "{'amount':1e20,'reason':'a lot'}",
            400,
            "invalid_field",
            "amount"),
        adjustment(
            "adjustment of 'NaN'",
            "{'amount':'NaN','reason':'what'}",
            400,
            "invalid_field",
            "amount"),
        adjustment(
            "debit below the balance",
            "{'amount':'-5','reason':'too much'}",
            409,
            "insufficient_balance",
            "amount"),
        bad("adjustment of an unknown account")
            .post("accounts/999999999/adjustments", credit)
            .with("Idempotency-Key", Api.unique("adj"))
            .is(404, "account_not_found"),
        bad("invalid email")
            .post("accounts", json("{'email':'not-an-email','name':'N'}"))
            .is(400, "invalid_field", "email"),
        bad("duplicate email")
            .post("accounts", json("{'email':'" + email + "','name':'Twin'}"))
            .is(409, "email_taken", "email"),
        bad("duplicate email in upper case")
            .post("accounts", json("{'email':'" + upper + "','name':'Twin'}"))
            .is(409, "email_taken", "email"),
        bad("account without a name")
            .post("accounts", json("{'email':'" + Api.unique("n") + "@example.com'}"))
            .is(400, "missing_field", "name"),
        bad("creditLimit on a PREPAID account")
            .post(
                "accounts",
                json(
                    "{'email':'"
                        + Api.unique("p")
                        + "@example.com','name':'P','creditLimit':'50'}"))
            .is(400, "invalid_field", "creditLimit"),
        bad("negative creditLimit")
            .post(
                "accounts",
                json(
                    "{'email':'"
                        + Api.unique("p")
                        + "@example.com','name':'P','billingMode':'POSTPAID','creditLimit':'-1'}"))
            .is(400, "invalid_field", "creditLimit"),
        bad("unknown billingMode")
            .post(
                "accounts",
                json(
                    "{'email':'"
                        + Api.unique("p")
                        + "@example.com','name':'P','billingMode':'BARTER'}"))
            .is(400, "invalid_field", "billingMode"),
        bad("unknown account read").get("accounts/999999999").is(404, "account_not_found"),
        bad("transactions limit=0").get(transactions("limit=0")).is(400, "invalid_field", "limit"),
        bad("transactions limit=abc")
            .get(transactions("limit=abc"))
            .is(400, "invalid_field", "limit"),
        bad("transactions limit=201")
            .get(transactions("limit=201"))
            .is(400, "invalid_field", "limit"),
        bad("transactions cursor=-5")
            .get(transactions("cursor=-5"))
            .is(400, "invalid_field", "cursor"),
        bad("transactions of an unknown account")
            .get("accounts/999999999/transactions")
            .is(404, "account_not_found"),
        bad("usage from=2026-13-01")
            .get(usageReport("from=2026-13-01"))
            .is(400, "invalid_field", "from"),
        bad("usage to=soon").get(usageReport("to=soon")).is(400, "invalid_field", "to"),
        bad("usage from after to")
            .get(usageReport("from=2026-05-02&to=2026-05-01"))
            .is(400, "invalid_field", "from"));
  }

  // ---------------------------------------------------------------- the batch, event by event

  private void batchChargesEachEventOnItsOwn() {
    BigDecimal balance = api.balance(otherAccount);
    int entries = api.entryCount(otherAccount);
    String others = Long.toString(otherAccount);
    String batch =
        "{\"events\":["
            + usageOn(others, "'model':'" + perSecond + "','durationMs':1000")
            + ","
            + usageOn(others, "'model':'" + perImage + "','parameters':{'numImages':0}")
            + ","
            + usageOn(others, "'model':'" + perSecond + "','durationMs':2500")
            + "]}";

    JsonArray first = results(api.post("usage/batch", batch));

    assertEquals(201, first.getJsonObject(0).getInt("status"));
    assertEquals("0.001000", first.getJsonObject(0).getJsonObject("charge").getString("amount"));
    assertEquals(400, first.getJsonObject(1).getInt("status"));
    JsonObject error = first.getJsonObject(1).getJsonObject("error");
    assertEquals("invalid_parameter", error.getString("error"));
    assertEquals("parameters.numImages", error.getString("field"));
    assertEquals(201, first.getJsonObject(2).getInt("status"));
    assertEquals("0.002500", first.getJsonObject(2).getJsonObject("charge").getString("amount"));
    assertEquals(balance.subtract(new BigDecimal("0.003500")), api.balance(otherAccount));
    assertEquals(entries + 2, api.entryCount(otherAccount));

    JsonArray again = results(api.post("usage/batch", batch));

    assertEquals(List.of(200, 400, 200), statuses(again));
    assertEquals(chargeId(first, 0), chargeId(again, 0));
    assertEquals(chargeId(first, 2), chargeId(again, 2));
    assertEquals(balance.subtract(new BigDecimal("0.003500")), api.balance(otherAccount));
    assertEquals(entries + 2, api.entryCount(otherAccount));
  }

  private static JsonArray results(Api.Reply reply) {
    assertEquals(200, reply.status(), reply.body());
    JsonArray results = reply.json().getJsonArray("results");
    assertEquals(3, results.size(), reply.body());
    return results;
  }

  private static List<Integer> statuses(JsonArray results) {
    return results.getValuesAs(JsonObject.class).stream().map(r -> r.getInt("status")).toList();
  }

  private static long chargeId(JsonArray results, int index) {
    return results.getJsonObject(index).getJsonObject("charge").getJsonNumber("id").longValue();
  }

  // ---------------------------------------------------------------- building requests

  /** JSON written with single quotes, for a readable table. */
  private static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  /** A usage event on the test account with a fresh requestId and {@code fields}. */
  private String usage(String fields) {
    return usageOn(Long.toString(account), fields);
  }

  /** A usage event with a fresh requestId whose accountId is written as {@code accountId}. */
  private static String usageOn(String accountId, String fields) {
    return json(
        "{'requestId':'" + Api.unique("bad") + "','accountId':" + accountId + "," + fields + "}");
  }

  private Case image(String name, String parameters, String field) {
    return call(name, perImage, parameters, field);
  }

  private Case call(String name, String model, String parameters, String field) {
    return bad(name)
        .post("usage", usage("'model':'" + model + "','parameters':" + parameters))
        .is(400, "invalid_parameter", field);
  }

  /** A PUT of a model that does not exist yet. */
  private static Case newModel(String name, String body) {
    return bad(name).put("models/" + Api.unique("new"), body);
  }

  private static String definition(String family, String pricing) {
    return json("{'family':'" + family + "','name':'A model','pricing':" + pricing + "}");
  }

  private Case adjustment(String name, String body, int status, String error, String field) {
    return bad(name)
        .post("accounts/" + account + "/adjustments", json(body))
        .with("Idempotency-Key", Api.unique("adj"))
        .is(status, error, field);
  }

  private String transactions(String query) {
    return "accounts/" + account + "/transactions?" + query;
  }

  private String usageReport(String query) {
    return "accounts/" + account + "/usage?" + query;
  }

  private static Case bad(String name) {
    return new Case(name, "GET", "", null, List.of(), 0, null, null);
  }

  /** One bad request and the answer it must get: a status, an error code and the field at fault. */
  record Case(
      String name,
      String method,
      String path,
      String body,
      List<String> headers,
      int status,
      String error,
      String field) {

    Case get(String to) {
      return new Case(name, "GET", to, null, headers, status, error, field);
    }

    Case delete(String to) {
      return new Case(name, "DELETE", to, null, headers, status, error, field);
    }

    Case post(String to, String json) {
      return new Case(name, "POST", to, json, headers, status, error, field);
    }

    Case put(String to, String json) {
      return new Case(name, "PUT", to, json, headers, status, error, field);
    }

    Case with(String header, String value) {
      List<String> more = new ArrayList<>(headers);
      more.add(header);
      more.add(value);
      return new Case(name, method, path, body, List.copyOf(more), status, error, field);
    }

    Case is(int expectedStatus, String expectedError) {
      return is(expectedStatus, expectedError, null);
    }

    Case is(int expectedStatus, String expectedError, String expectedField) {
      return new Case(
          name, method, path, body, headers, expectedStatus, expectedError, expectedField);
    }

    void check(Api api, long account) {
      JsonObject before = api.get("accounts/" + account).json();

      Api.Reply reply = api.exchange(method, path, body, headers.toArray(String[]::new));

      String answered = name + ": " + method + " " + path + " answered " + reply.body();
      assertEquals(status, reply.status(), answered);
      assertTrue(reply.contentType().startsWith("application/json"), answered);
      JsonObject answer = reply.json();
      assertEquals(error, answer.getString("error"), answered);
      assertEquals(field, answer.getString("field", null), answered);
      assertFalse(answer.getString("message", "").isBlank(), answered);
      assertEquals(before, api.get("accounts/" + account).json(), name + " changed the account");
    }
  }

  /** What no bad input may change. */
  record State(
      boolean reconciled,
      long accounts,
      String balance,
      String available,
      int entries,
      int models,
      JsonArray catalog) {

    static State read(Api api, long account) {
      JsonObject reconciliation = api.reconciliation();
      JsonObject view = api.get("accounts/" + account).json();
      JsonArray catalog = api.get("models").array();
      return new State(
          reconciliation.getBoolean("ok"),
          reconciliation.getJsonNumber("accountsChecked").longValue(),
          view.getString("balance"),
          view.getString("available"),
          api.entryCount(account),
          catalog.size(),
          catalog);
    }
  }
}
