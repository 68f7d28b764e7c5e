package io.tally.billing.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Notices from charging, the notifications API, e-mail through a real SMTP server and signed
 * webhook calls to a real HTTP receiver, each delivered once however often the job runs.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NotificationsIT {

  private static final Duration WITHIN = Duration.ofSeconds(30);

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.tally();
  }

  static MailBox mailBox;

  @ArquillianResource URL base;

  Api api;

  @BeforeAll
  static void openMailBox() {
    mailBox = MailBox.start();
  }

  @AfterAll
  static void closeMailBox() {
    mailBox.close();
  }

  @BeforeEach
  void connect() {
    api = Api.admin(base);
  }

  @Test
  void crossingTheLowBalanceThresholdTellsOnceAndMailsOnce() throws Exception {
    long account = api.newAccount();
    String model = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.1\"}");

    charge(account, model, 8500, 201); // 1.000000 -> 0.150000: crosses below 0.20
    charge(account, model, 500, 201); // 0.150000 -> 0.100000: already below

    JsonObject notice = awaitNotification(account, item -> true);
    assertEquals("LOW_BALANCE", notice.getString("type"));
    assertTrue(notice.getString("body").contains("0.150000"), notice.getString("body"));
    List<MimeMessage> mails = mailBox.await(emailOf(account), 1, WITHIN);
    assertEquals(notice.getString("subject"), mails.get(0).getSubject());
    assertTrue(mails.get(0).getContent().toString().contains("0.150000"));

    deliverNow();
    deliverNow();
    assertEquals(1, mailBox.to(emailOf(account)).size());
    JsonArray items = notifications(account, "").getJsonArray("items");
    assertEquals(1, items.size(), items.toString());
    assertEquals("SENT", items.getJsonObject(0).getJsonObject("email").getString("status"));
    assertFalse(items.getJsonObject(0).containsKey("webhook"), items.toString());
  }

  @Test
  void aFloodOfRefusalsTellsOutOfCreditsOnce() {
    long account = api.newAccount();
    String model = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.1\"}");

    for (int i = 0; i < 5; i++) {
      Api.Reply refused = charge(account, model, 20_000, 402);
      assertEquals("out_of_credits", refused.error());
    }

    JsonObject notice = awaitNotification(account, item -> true);
    assertEquals("OUT_OF_CREDITS", notice.getString("type"));
    assertTrue(notice.getString("body").contains("2.000000"), notice.getString("body"));
    mailBox.await(emailOf(account), 1, WITHIN);
    charge(account, model, 20_000, 402);
    deliverNow();
    assertEquals(1, notifications(account, "").getJsonArray("items").size());
    assertEquals(1, mailBox.to(emailOf(account)).size());
  }

  @Test
  void listsNotificationsNewestFirstPageByPageToTheAccountOnly() {
    long account = api.newAccount();
    for (int i = 1; i <= 5; i++) {
      assertEquals("true", tell(account, "INVOICE_ISSUED", "page-" + i, "Notice " + i));
    }
    String key = api.keyOf(account);
    Api own = api.as(key);

    JsonObject first = own.get("accounts/" + account + "/notifications?limit=2").json();
    JsonObject second =
        own.get(
                "accounts/"
                    + account
                    + "/notifications?limit=2&cursor="
                    + first.getString("nextCursor"))
            .json();
    JsonObject third =
        own.get(
                "accounts/"
                    + account
                    + "/notifications?limit=2&cursor="
                    + second.getString("nextCursor"))
            .json();
    assertEquals(List.of("Notice 5", "Notice 4"), subjects(first));
    assertEquals(List.of("Notice 3", "Notice 2"), subjects(second));
    assertEquals(List.of("Notice 1"), subjects(third));
    assertNull(third.getString("nextCursor", null));
    JsonObject newest = first.getJsonArray("items").getJsonObject(0);
    assertEquals("INVOICE_ISSUED", newest.getString("type"));
    assertTrue(newest.getJsonNumber("id").longValue() > 0);
    Instant.parse(newest.getString("createdAt"));
    assertTrue(newest.getJsonObject("email").containsKey("status"), newest.toString());

    long other = api.newAccount();
    Api.Reply foreign = api.as(api.keyOf(other)).get("accounts/" + account + "/notifications");
    assertEquals(404, foreign.status(), foreign.body());
    assertEquals(401, api.as(null).get("accounts/" + account + "/notifications").status());
    Api.Reply badLimit = own.get("accounts/" + account + "/notifications?limit=0");
    assertEquals(400, badLimit.status());
    assertEquals("limit", badLimit.json().getString("field"));
  }

  @Test
  void webhookReceivesOneSignedCallPerNotice() throws Exception {
    long account = api.newAccount();
    Api own = api.as(api.keyOf(account));
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      Api.Reply created =
          own.put("accounts/" + account + "/webhook", "{\"url\":\"" + receiver.url() + "\"}");
      assertEquals(201, created.status(), created.body());
      String secret = created.json().getString("secret");
      assertTrue(secret.startsWith("whsec_") && secret.length() >= 6 + 43, secret);
      Api.Reply foreign =
          api.as(api.keyOf(api.newAccount()))
              .put("accounts/" + account + "/webhook", "{\"url\":\"https://example.com/x\"}");
      assertEquals(404, foreign.status(), foreign.body());
      JsonObject shown = own.get("accounts/" + account + "/webhook").json();
      assertEquals(receiver.url(), shown.getString("url"));
      assertTrue(shown.getBoolean("enabled"));
      assertFalse(shown.containsKey("secret"), shown.toString());

      assertEquals("true", tell(account, "RECHARGE_SUCCEEDED", "hook-1", "Recharged"));
      WebhookReceiver.Call call = receiver.await(1, WITHIN).get(0);
      long id =
          notifications(account, "")
              .getJsonArray("items")
              .getJsonObject(0)
              .getJsonNumber("id")
              .longValue();
      assertEquals("evt_" + id, call.eventId());
      assertTrue(call.contentType().startsWith("application/json"), call.contentType());
      assertSigned(secret, call);
      JsonObject payload = parse(call.body());
      assertEquals("evt_" + id, payload.getString("id"));
      assertEquals("RECHARGE_SUCCEEDED", payload.getString("type"));
      assertEquals(account, payload.getJsonNumber("accountId").longValue());
      assertEquals("Recharged", payload.getString("subject"));
      assertEquals("body of hook-1", payload.getString("body"));

      deliverNow();
      assertEquals(1, receiver.calls().size());
      assertEquals(
          "SENT",
          notifications(account, "")
              .getJsonArray("items")
              .getJsonObject(0)
              .getJsonObject("webhook")
              .getString("status"));

      Api.Reply changed =
          own.put(
              "accounts/" + account + "/webhook",
              "{\"url\":\"" + receiver.url() + "\",\"enabled\":false}");
      assertEquals(200, changed.status(), changed.body());
      assertFalse(changed.json().containsKey("secret"));
      assertFalse(changed.json().getBoolean("enabled"));
      assertEquals(
          204, own.send("DELETE", "accounts/" + account + "/webhook", null, null).status());
      Api.Reply gone = own.get("accounts/" + account + "/webhook");
      assertEquals(404, gone.status());
      assertEquals("webhook_not_found", gone.error());
    }
  }

  @Test
  void aFailedWebhookCallIsRetriedWithTheSameEventIdUntilAccepted() {
    long account = api.newAccount();
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      receiver.answer(500);
      Api.Reply created =
          api.put("accounts/" + account + "/webhook", "{\"url\":\"" + receiver.url() + "\"}");
      assertEquals(201, created.status(), created.body());
      assertEquals("true", tell(account, "RECHARGE_FAILED", "retry-1", "Recharge failed"));

      receiver.await(1, WITHIN);
      JsonObject webhook = awaitWebhookStatus(account, "PENDING");
      assertEquals(1, webhook.getInt("attempts"));

      api.advanceClock(Duration.ofMinutes(10)); // past the first retry's pause
      List<WebhookReceiver.Call> calls = receiver.await(2, WITHIN);
      deliverNow();
      deliverNow();
      calls = receiver.calls();
      assertEquals(2, calls.size(), calls.toString());
      assertEquals(500, calls.get(0).answered());
      assertEquals(200, calls.get(1).answered());
      assertEquals(calls.get(0).eventId(), calls.get(1).eventId());
      assertEquals(calls.get(0).body(), calls.get(1).body());
      assertSigned(created.json().getString("secret"), calls.get(1));
      webhook =
          notifications(account, "")
              .getJsonArray("items")
              .getJsonObject(0)
              .getJsonObject("webhook");
      assertEquals("SENT", webhook.getString("status"));
      assertEquals(2, webhook.getInt("attempts"));
    }
  }

  @Test
  void aBadWebhookUrlIsRefusedNamingItAndNothingIsSaved() {
    long account = api.newAccount();
    for (String url : List.of("ftp://example.com/hook", "not a url", "/relative", "http://")) {
      Api.Reply refused = api.put("accounts/" + account + "/webhook", "{\"url\":\"" + url + "\"}");
      assertEquals(400, refused.status(), url + ": " + refused.body());
      assertEquals("url", refused.json().getString("field"), refused.body());
    }
    Api.Reply notBoolean =
        api.put(
            "accounts/" + account + "/webhook",
            "{\"url\":\"https://example.com/h\",\"enabled\":\"yes\"}");
    assertEquals(400, notBoolean.status());
    assertEquals("enabled", notBoolean.json().getString("field"));
    assertEquals(404, api.get("accounts/" + account + "/webhook").status());
  }

  @Test
  void aNoticeToldTwiceIsStoredOnceAndMailedOnce() {
    long account = api.newAccount();

    assertEquals("true", tell(account, "SUBSCRIPTION_RENEWED", "renewal:1:2026-12", "Renewed"));
    assertEquals("false", tell(account, "SUBSCRIPTION_RENEWED", "renewal:1:2026-12", "Renewed"));

    mailBox.await(emailOf(account), 1, WITHIN);
    deliverNow();
    deliverNow();
    assertEquals(1, mailBox.to(emailOf(account)).size());
    JsonArray items = notifications(account, "").getJsonArray("items");
    assertEquals(1, items.size(), items.toString());
    assertEquals("SENT", items.getJsonObject(0).getJsonObject("email").getString("status"));
  }

  @Test
  void concurrentRunsOfTheJobMailEachNoticeOnce() throws Exception {
    long account = api.newAccount();
    int notices = 30;
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (int i = 0; i < notices; i++) {
        assertEquals("true", tell(account, "FAIR_USE_WARNING", "race-" + i, "Race " + i));
        runs.add(pool.submit(this::deliverNow));
      }
      for (int i = 0; i < 8; i++) {
        runs.add(pool.submit(this::deliverNow));
      }
      for (Future<?> run : runs) {
        run.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    List<MimeMessage> mails = mailBox.await(emailOf(account), notices, WITHIN);
    deliverNow();
    mails = mailBox.to(emailOf(account));
    assertEquals(notices, mails.size());
    Set<String> subjects = new HashSet<>();
    for (MimeMessage mail : mails) {
      assertTrue(subjects.add(mail.getSubject()), "mailed twice: " + mail.getSubject());
    }
  }

  // ---------------------------------------------------------------- helpers

  private Api.Reply charge(long account, String model, long durationMs, int expected) {
    Api.Reply reply =
        api.post(
            "usage",
            "{\"requestId\":\""
                + Api.unique("r")
                + "\",\"accountId\":"
                + account
                + ",\"model\":\""
                + model
                + "\",\"durationMs\":"
                + durationMs
                + "}");
    assertEquals(expected, reply.status(), reply.body());
    return reply;
  }

  private String tell(long account, String type, String eventKey, String subject) {
    Api.Reply reply =
        api.post(
            "test-support/notifications/tell?accountId="
                + account
                + "&type="
                + type
                + "&eventKey="
                + encode(eventKey)
                + "&subject="
                + encode(subject)
                + "&body="
                + encode("body of " + eventKey),
            "");
    assertEquals(200, reply.status(), reply.body());
    return reply.body();
  }

  private void deliverNow() {
    Api.Reply reply = api.post("test-support/notifications/deliver", "");
    assertEquals(200, reply.status(), reply.body());
  }

  private JsonObject notifications(long account, String query) {
    Api.Reply reply = api.get("accounts/" + account + "/notifications" + query);
    assertEquals(200, reply.status(), reply.body());
    return reply.json();
  }

  /** The newest notification's webhook delivery, once it has {@code status}. */
  private JsonObject awaitWebhookStatus(long account, String status) {
    return awaitNotification(
            account,
            item ->
                item.containsKey("webhook")
                    && status.equals(item.getJsonObject("webhook").getString("status")))
        .getJsonObject("webhook");
  }

  /** The newest notification matching, once the asynchronous writer has stored one. */
  private JsonObject awaitNotification(long account, Predicate<JsonObject> matching) {
    return Poll.until(
        () ->
            notifications(account, "").getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(matching)
                .findFirst()
                .orElse(null),
        WITHIN,
        "a notification for account " + account);
  }

  private String emailOf(long account) {
    return api.get("accounts/" + account).json().getString("email");
  }

  private static List<String> subjects(JsonObject page) {
    return page.getJsonArray("items").getValuesAs(JsonObject.class).stream()
        .map(item -> item.getString("subject"))
        .toList();
  }

  /** Checks {@code Tally-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t.body)>}. */
  private static void assertSigned(String secret, WebhookReceiver.Call call) {
    String[] parts = call.signature().split(",");
    assertEquals(2, parts.length, call.signature());
    assertTrue(parts[0].startsWith("t=") && parts[1].startsWith("v1="), call.signature());
    String t = parts[0].substring(2);
    Long.parseLong(t);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] expected = mac.doFinal((t + "." + call.body()).getBytes(StandardCharsets.UTF_8));
      byte[] given = HexFormat.of().parseHex(parts[1].substring(3));
      assertTrue(MessageDigest.isEqual(expected, given), "bad signature " + call.signature());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonObject parse(String json) {
    try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(json))) {
      return reader.readObject();
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
