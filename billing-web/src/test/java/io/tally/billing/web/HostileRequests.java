package io.tally.billing.web;

import static io.tally.billing.web.HostileValues.pick;

import io.tally.billing.web.FuzzTargets.Target;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes the fuzzer's requests. Request {@code i} depends only on the seed and {@code i}, so a
 * failure is reproduced by its seed and index alone, and threads can make requests in any order.
 *
 * <p>No request may move money: whenever a request carries a valid key, its body is refused by
 * construction (malformed JSON, a duplicate or unknown key, or a value of a type its field cannot
 * take); a request without a body is hostile in its path, query or headers.
 */
final class HostileRequests {

  /** Payara's http-listener default {@code header-buffer-length-bytes}. */
  private static final int HEAD_BUFFER = 8192;

  /** One request as it goes on the wire, and what kind of hostility it carries. */
  record Request(
      int index,
      String kind,
      String endpoint,
      String method,
      String target,
      List<String> headers,
      byte[] body) {

    /** Under /api/v1, where every refusal must be a JSON error. */
    boolean api() {
      return endpoint.contains(" /api/v1/");
    }

    /**
     * Hostile at the HTTP level (header injection, huge headers, or a request line and headers
     * longer than the connector's 8 KiB buffer for them, which a long query string makes): the
     * connector may refuse it before any application code runs, so only its status is checked.
     */
    boolean protocol() {
      return kind.contains("header:raw") || headLength() > HEAD_BUFFER;
    }

    private int headLength() {
      int length = method.length() + target.length() + 12;
      for (String header : headers) {
        length += header.getBytes(StandardCharsets.UTF_8).length + 2;
      }
      return length;
    }

    /** A short, printable description for a failure message. */
    String describe() {
      String shownBody = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
      return "#"
          + index
          + " ["
          + kind
          + "] "
          + method
          + " "
          + shorten(target)
          + " "
          + shorten(String.join(" | ", headers))
          + " body("
          + body.length
          + "): "
          + shorten(shownBody);
    }

    private static String shorten(String text) {
      String flat = text.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0");
      return flat.length() > 300 ? flat.substring(0, 300) + "…(" + flat.length() + ")" : flat;
    }
  }

  private final long seed;
  private final String root;
  private final List<Target> targets;
  private final String account;
  private final String model;
  private final String serviceKey;
  private final String accountKey;

  HostileRequests(
      long seed,
      String root,
      List<Target> targets,
      long account,
      String model,
      String serviceKey,
      String accountKey) {
    this.seed = seed;
    this.root = root;
    this.targets = targets;
    this.account = Long.toString(account);
    this.model = model;
    this.serviceKey = serviceKey;
    this.accountKey = accountKey;
  }

  Request make(int index) {
    SplittableRandom random = new SplittableRandom(seed ^ (index * 0x9E3779B97F4A7C15L));
    if (random.nextInt(100) < 3) {
      return HostileForms.make(index, root, random);
    }
    Target target = targets.get(random.nextInt(targets.size()));
    List<String> kinds = new ArrayList<>();
    List<String> headers = new ArrayList<>();
    boolean validKey = authorize(random, headers, kinds);
    String path = path(target, random, kinds);
    byte[] body = new byte[0];
    if (target.hasBody()) {
      headers.add("Content-Type: application/json");
      boolean refused = validKey || random.nextBoolean();
      body = HostileBodies.make(target.fields(), refused, random, kinds);
    }
    if (target.idempotent()) {
      headers.add("Idempotency-Key: fuzz-" + index);
    }
    boolean hostileYet = !validKey || !kinds.isEmpty();
    if (!hostileYet || random.nextInt(4) == 0) {
      HostileHeaders.addHostile(random, headers, kinds);
    }
    String endpoint = target.method() + " " + target.path();
    return new Request(
        index, String.join(",", kinds), endpoint, target.method(), root + path, headers, body);
  }

  /** A service key, the fuzz account's key, a bad key or none; answers whether the key is valid. */
  private boolean authorize(SplittableRandom random, List<String> headers, List<String> kinds) {
    int roll = random.nextInt(100);
    if (roll < 35) {
      headers.add("Authorization: Bearer " + serviceKey);
      return true;
    }
    if (roll < 70) {
      headers.add("Authorization: Bearer " + accountKey);
      return true;
    }
    if (roll < 85) {
      String bad =
          pick(
              random,
              List.of(
                  "Bearer tk_" + Long.toHexString(random.nextLong()),
                  "Bearer ",
                  "Bearer",
                  "Basic YWRtaW46YWRtaW4=",
                  "Bearer " + serviceKey + "x",
                  "Bearer " + accountKey.substring(0, accountKey.length() - 1),
                  "Bearer " + "k".repeat(4_000),
                  "Bearer ' OR 1=1 --",
                  "Bearer %00"));
      headers.add("Authorization: " + bad);
      kinds.add("auth:bad");
      return false;
    }
    kinds.add("auth:none");
    return false;
  }

  private String path(Target target, SplittableRandom random, List<String> kinds) {
    String path = target.path();
    if (path.contains("{account}")) {
      path = path.replace("{account}", slot(random, account, kinds));
    }
    if (path.contains("{model}")) {
      path = path.replace("{model}", slot(random, model, kinds));
    }
    if (path.contains("{other}")) {
      path = path.replace("{other}", HostileValues.pathSegment(random));
      kinds.add("path:id");
    }
    StringBuilder query = new StringBuilder();
    for (String name : target.query()) {
      if (random.nextBoolean()) {
        query.append(query.isEmpty() ? "?" : "&").append(name).append('=');
        query.append(HostileValues.queryValue(random));
        kinds.add("query:" + name);
      }
    }
    if (random.nextInt(10) == 0) {
      query
          .append(query.isEmpty() ? "?" : "&")
          .append("%00=%ff&&=&a[]=1&")
          .append("q".repeat(2000));
      kinds.add("query:junk");
    }
    return path + query;
  }

  /** The valid id most of the time, a hostile segment otherwise. */
  private static String slot(SplittableRandom random, String valid, List<String> kinds) {
    if (random.nextInt(5) > 0) {
      return valid;
    }
    kinds.add("path:segment");
    return HostileValues.pathSegment(random);
  }
}
