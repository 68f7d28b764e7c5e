package io.tally.billing.web;

import java.util.ArrayList;
import java.util.List;

/**
 * Every endpoint the fuzzer aims at, with a valid body to mutate. Each field carries its kind, so a
 * mutation can pick a value that field must refuse.
 */
final class FuzzTargets {

  private FuzzTargets() {}

  enum Kind {
    TEXT,
    NUMBER,
    BOOLEAN,
    OBJECT,
    ARRAY
  }

  record Field(String name, Kind kind, String json) {}

  /**
   * One endpoint. {@code path} may hold {@code {account}} (the fuzz account), {@code {model}} (a
   * model) and {@code {other}} (an id that is always hostile, so no real key or job is touched).
   * {@code query} holds parameter names; {@code fields} is the valid body, empty for none.
   */
  record Target(
      String method, String path, List<String> query, List<Field> fields, boolean idempotent) {

    boolean hasBody() {
      return !fields.isEmpty();
    }

    boolean api() {
      return path.startsWith("/api/v1/");
    }
  }

  /** The fuzz account's and models' ids, used to write valid bodies. */
  record Ids(long account, String perSecond, String perImage, String video, String fineTune) {}

  static List<Target> all(Ids ids) {
    String a = Long.toString(ids.account());
    Field accountId = new Field("accountId", Kind.NUMBER, a);
    Field model = text("model", ids.perImage());
    Field duration = new Field("durationMs", Kind.NUMBER, "1000");
    Field images = new Field("parameters", Kind.OBJECT, "{\"numImages\":2,\"width\":512}");
    Field requestId = text("requestId", "fuzz-request");
    String part = "{\"model\":\"" + ids.perSecond() + "\",\"durationMs\":1000}";
    String video = "{\"model\":\"" + ids.video() + "\",\"parameters\":{\"seconds\":5}}";
    Field parts = new Field("parts", Kind.ARRAY, "[" + part + "," + video + "]");
    Field card = text("paymentMethod", "pm_card_visa");
    Field pricing =
        new Field("pricing", Kind.OBJECT, "{\"mode\":\"per_image\",\"pricePerImage\":1}");
    List<Target> targets = new ArrayList<>();
    targets.add(
        post(
            "accounts",
            text("email", "fuzz@example.com"),
            text("name", "Fuzz"),
            text("billingMode", "POSTPAID"),
            number("creditLimit", "100")));
    targets.add(get("accounts/{account}"));
    targets.add(get("accounts/{account}/api-keys"));
    targets.add(new Target("POST", api("accounts/{other}/api-keys"), List.of(), List.of(), false));
    targets.add(
        new Target(
            "DELETE", api("accounts/{account}/api-keys/{other}"), List.of(), List.of(), false));
    targets.add(post("fine-tunes", requestId, accountId, text("model", ids.fineTune())));
    targets.add(get("fine-tunes/{other}"));
    targets.add(post("fine-tunes/{other}/complete", text("endedAt", "2026-01-01T00:00:00Z")));
    targets.add(get("accounts/{account}/invoices"));
    targets.add(get("invoices/{other}"));
    targets.add(idempotent("POST", "invoices/{other}/payments", card));
    targets.add(
        idempotent(
            "POST",
            "accounts/{account}/adjustments",
            number("amount", "-0.5"),
            text("reason", "fuzz")));
    targets.add(get("reconciliation"));
    targets.add(query("accounts/{account}/transactions", "limit", "cursor"));
    targets.add(query("accounts/{account}/notifications", "limit", "cursor"));
    targets.add(get("accounts/{account}/webhook"));
    targets.add(
        put(
            "accounts/{account}/webhook",
            text("url", "https://example.com/hook"),
            new Field("enabled", Kind.BOOLEAN, "true")));
    targets.add(
        new Target("DELETE", api("accounts/{account}/webhook"), List.of(), List.of(), false));
    targets.add(
        put(
            "accounts/{account}/auto-recharge",
            new Field("enabled", Kind.BOOLEAN, "true"),
            number("threshold", "1"),
            number("amount", "5"),
            card));
    targets.add(
        idempotent("POST", "accounts/{account}/recharges", number("amount", "\"10.00\""), card));
    targets.add(get("models"));
    targets.add(get("models/{model}"));
    targets.add(get("models/{model}/stats"));
    targets.add(
        put(
            "models/{model}",
            text("family", "image"),
            text("name", "Fuzzed"),
            text("gpu", "A100"),
            pricing));
    targets.add(put("models/{model}/price", pricing, text("effectiveFrom", "2030-01-01")));
    targets.add(get("plugins"));
    targets.add(get("plans"));
    targets.add(get("accounts/{account}/subscription"));
    targets.add(idempotent("PUT", "accounts/{account}/subscription", text("plan", "PRO"), card));
    targets.add(
        new Target("DELETE", api("accounts/{account}/subscription"), List.of(), List.of(), false));
    targets.add(post("authorizations", accountId, model, duration, images));
    targets.add(post("quotes", model, images));
    targets.add(post("quotes", text("workflow", "wf"), parts));
    targets.add(query("accounts/{account}/usage", "from", "to"));
    targets.add(post("usage", requestId, accountId, model, images));
    targets.add(post("usage", requestId, accountId, text("workflow", "wf"), parts));
    String event =
        "{\"requestId\":\"fuzz-batch\",\"accountId\":"
            + a
            + ",\"model\":\""
            + ids.perSecond()
            + "\",\"durationMs\":1}";
    targets.add(
        post("usage/batch", new Field("events", Kind.ARRAY, "[" + event + "," + event + "]")));
    targets.add(get("charges/{other}"));
    targets.add(get("charges/{other}/refunds"));
    targets.add(
        idempotent(
            "POST",
            "charges/{other}/refunds",
            number("amount", "\"0.10\""),
            text("reason", "fuzz")));
    targets.add(query("audit", "account", "action", "limit", "cursor"));
    targets.add(new Target("POST", api("plugins/reload"), List.of(), List.of(), false));
    targets.add(new Target("GET", "/health", List.of(), List.of(), false));
    targets.add(new Target("GET", "/metrics", List.of(), List.of(), false));
    targets.add(new Target("GET", "/openapi", List.of(), List.of(), false));
    return List.copyOf(targets);
  }

  private static String api(String path) {
    return "/api/v1/" + path;
  }

  private static Field text(String name, String value) {
    return new Field(name, Kind.TEXT, "\"" + value + "\"");
  }

  private static Field number(String name, String json) {
    return new Field(name, Kind.NUMBER, json);
  }

  private static Target get(String path) {
    return new Target("GET", api(path), List.of(), List.of(), false);
  }

  private static Target query(String path, String... names) {
    return new Target("GET", api(path), List.of(names), List.of(), false);
  }

  private static Target post(String path, Field... fields) {
    return new Target("POST", api(path), List.of(), List.of(fields), false);
  }

  private static Target put(String path, Field... fields) {
    return new Target("PUT", api(path), List.of(), List.of(fields), false);
  }

  private static Target idempotent(String method, String path, Field... fields) {
    return new Target(method, api(path), List.of(), List.of(fields), true);
  }
}
