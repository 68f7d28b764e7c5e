package io.tally.billing.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * While the database is down, every kind of API call (writes, reads, reports, payments) answers
 * {@code 503 service_unavailable} with Retry-After, promptly.
 */
final class OutageProbes {

  private OutageProbes() {}

  static void assertEveryPathAnswers503(Api api, long account, String model, long boundMs) {
    String usage =
        "{\"requestId\":\"probe-"
            + Api.unique("r")
            + "\",\"accountId\":"
            + account
            + ",\"model\":\""
            + model
            + "\",\"durationMs\":1000}";
    String accountPath = "accounts/" + account;
    assertUnavailable(boundMs, () -> api.post("usage", usage), "POST /usage");
    assertUnavailable(
        boundMs,
        () -> api.post("usage/batch", "{\"events\":[" + usage + "]}"),
        "POST /usage/batch");
    assertUnavailable(
        boundMs,
        () ->
            api.post(
                "authorizations",
                "{\"accountId\":" + account + ",\"model\":\"" + model + "\",\"durationMs\":1}"),
        "POST /authorizations");
    assertUnavailable(
        boundMs,
        () ->
            api.post(
                "accounts",
                "{\"email\":\"" + Api.unique("o") + "@example.com\",\"name\":\"Probe\"}"),
        "POST /accounts");
    assertUnavailable(boundMs, () -> api.get(accountPath + "/transactions"), "GET transactions");
    assertUnavailable(boundMs, () -> api.get(accountPath + "/usage"), "GET usage report");
    assertUnavailable(
        boundMs,
        () ->
            api.post(
                accountPath + "/recharges",
                "{\"amount\":\"5.00\",\"paymentMethod\":\"pm_card_visa\"}",
                "Idempotency-Key",
                Api.unique("recharge")),
        "POST recharges");
    assertUnavailable(boundMs, () -> api.get("reconciliation"), "GET /reconciliation");
  }

  private static void assertUnavailable(
      long boundMs, java.util.function.Supplier<Api.Reply> call, String what) {
    long start = System.nanoTime();
    Api.Reply reply = call.get();
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertEquals(503, reply.status(), what + ": " + reply.body());
    assertEquals("service_unavailable", reply.error(), what);
    String retryAfter = reply.header("Retry-After");
    assertTrue(retryAfter != null && retryAfter.matches("[1-9][0-9]*"), what + " Retry-After");
    assertTrue(ms <= boundMs, what + " took " + ms + " ms");
  }
}
