package io.tally.billing.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** A small client of Tally's HTTP API for the integration tests, acting with one key. */
final class Api {

  /** The service key the test deployment is started with (see arquillian.xml). */
  static final String ADMIN_KEY = "it-admin-key-5f1d3c0b9a8e7d6c5b4a39281706f5e4";

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private final URI base;

  /** The whole Authorization header, or null to send none. */
  private final String authorization;

  private Api(URI base, String authorization) {
    this.base = base;
    this.authorization = authorization;
  }

  /** The API of the deployment at {@code deployment}, as the service (admin). */
  static Api admin(URL deployment) {
    try {
      return new Api(deployment.toURI().resolve("api/v1/"), "Bearer " + ADMIN_KEY);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** The same API with another key (null: no Authorization header). */
  Api as(String otherKey) {
    return new Api(base, otherKey == null ? null : "Bearer " + otherKey);
  }

  /** The same API sending {@code header} as the whole Authorization header, however malformed. */
  Api withAuthorization(String header) {
    return new Api(base, header);
  }

  Reply get(String path) {
    return send(request(path).GET());
  }

  Reply post(String path, String json, String... headers) {
    return send(request(path, headers).POST(body(json)));
  }

  Reply put(String path, String json) {
    return send(request(path).PUT(body(json)));
  }

  Reply send(String method, String path, String contentType, String body) {
    HttpRequest.Builder builder =
        request(path)
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body(body));
    if (contentType != null) {
      builder.setHeader("Content-Type", contentType);
    }
    return send(builder);
  }

  /** Any request: {@code headers} are name, value pairs and replace the defaults. */
  Reply exchange(String method, String path, String body, String... headers) {
    HttpRequest.BodyPublisher publisher =
        body == null ? HttpRequest.BodyPublishers.noBody() : body(body);
    HttpRequest.Builder builder = request(path).method(method, publisher);
    for (int i = 0; i + 1 < headers.length; i += 2) {
      builder.setHeader(headers[i], headers[i + 1]);
    }
    return send(builder);
  }

  // ---------------------------------------------------------------- shortcuts

  /** Opens a prepaid account; answers its id. */
  long newAccount() {
    return newAccount("{\"email\":\"" + unique("user") + "@example.com\",\"name\":\"Test user\"}");
  }

  long newAccount(String json) {
    Reply reply = post("accounts", json);
    assertEquals(201, reply.status(), reply.body());
    return reply.json().getJsonNumber("id").longValue();
  }

  /** Creates a model with a unique id; answers the id. */
  String newModel(String family, String pricingJson) {
    String id = unique(family);
    Reply reply =
        put(
            "models/" + id,
            "{\"family\":\""
                + family
                + "\",\"name\":\""
                + id
                + "\",\"pricing\":"
                + pricingJson
                + "}");
    assertEquals(201, reply.status(), reply.body());
    return id;
  }

  BigDecimal balance(long accountId) {
    return decimal(get("accounts/" + accountId).json(), "balance");
  }

  BigDecimal available(long accountId) {
    return decimal(get("accounts/" + accountId).json(), "available");
  }

  /** Issues an account key. */
  String keyOf(long accountId) {
    Reply reply = post("accounts/" + accountId + "/api-keys", "");
    assertEquals(201, reply.status(), reply.body());
    return reply.json().getString("key");
  }

  /** How many ledger entries the account has, read page by page. */
  int entryCount(long accountId) {
    int count = 0;
    String cursor = null;
    do {
      String page = cursor == null ? "" : "&cursor=" + cursor;
      Reply reply = get("accounts/" + accountId + "/transactions?limit=200" + page);
      assertEquals(200, reply.status(), reply.body());
      count += reply.json().getJsonArray("items").size();
      cursor = reply.json().getString("nextCursor", null);
    } while (cursor != null);
    return count;
  }

  JsonObject reconciliation() {
    Reply reply = get("reconciliation");
    assertEquals(200, reply.status(), reply.body());
    return reply.json();
  }

  /** Moves the server's clock forward (test deployment only). */
  void advanceClock(Duration by) {
    java.time.Instant expected = java.time.Instant.now().plus(by);
    Reply reply = post("test-support/clock?seconds=" + by.toSeconds(), "");
    assertEquals(200, reply.status(), reply.body());
    java.time.Instant serverNow = java.time.Instant.parse(reply.body());
    org.junit.jupiter.api.Assertions.assertFalse(
        serverNow.isBefore(expected.minusSeconds(60)),
        "the application's clock did not move: " + serverNow);
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
  }

  static BigDecimal decimal(JsonObject json, String name) {
    return new BigDecimal(json.getString(name));
  }

  // ---------------------------------------------------------------- plumbing

  private HttpRequest.Builder request(String path, String... headers) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json");
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return builder;
  }

  private static HttpRequest.BodyPublisher body(String json) {
    return HttpRequest.BodyPublishers.ofString(json);
  }

  private static Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(
          response.statusCode(),
          response.body(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An HTTP answer. */
  record Reply(int status, String body, String contentType, HttpHeaders headers) {

    /** The first value of a response header, or null. */
    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    JsonValue value() {
      try (var reader = Json.createReader(new StringReader(body))) {
        return reader.readValue();
      }
    }

    JsonObject json() {
      return value().asJsonObject();
    }

    JsonArray array() {
      return value().asJsonArray();
    }

    /** The {@code error} code of a JSON error answer. */
    String error() {
      return json().getString("error");
    }
  }
}
