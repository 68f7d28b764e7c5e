package io.tally.billing.payment;

import io.tally.billing.platform.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * A card processor's PaymentIntents API, as Stripe documents it: one form-encoded {@code POST
 * /v1/payment_intents} with {@code confirm=true} takes the payment, the secret key as a Bearer
 * token, the caller's idempotency key as the {@code Idempotency-Key} header.
 *
 * <p>A 5xx answer, a 429, a timeout or a broken connection is retried a bounded number of times
 * with the same idempotency key, which the processor promises makes the retry return the first
 * attempt's result rather than charge again. When the retries run out the payment is {@link
 * PaymentResult.Outcome#UNKNOWN} (the card may have been charged): the caller keeps it PENDING and
 * asks again later with the same key, and the processor answers the intent it created under that
 * key. So does a 409 {@code idempotency_key_in_use} (another request with the key is still being
 * processed) and an answer Tally cannot read. A card error (402) is a decline; a request the
 * processor refuses outright (401, 400) is a failure ({@code processor_unavailable}, nothing was
 * paid). Never an exception, so the caller records it and tells the customer.
 */
public class ProcessorGateway implements PaymentGateway {

  static final String UNAVAILABLE = "processor_unavailable";

  private static final Logger LOG = Logger.getLogger(ProcessorGateway.class.getName());

  private final URI intents;
  private final String secretKey;
  private final Duration timeout;
  private final int retries;
  private final HttpClient http;

  /**
   * @param base the processor's API root, such as {@code https://api.stripe.com}
   * @param timeout for connecting and for each answer
   * @param retries extra attempts after a 5xx, 429, timeout or broken connection
   */
  public ProcessorGateway(URI base, String secretKey, Duration timeout, int retries) {
    String root = base.toString().replaceAll("/+$", "");
    this.intents = URI.create(root + "/v1/payment_intents");
    this.secretKey = secretKey;
    this.timeout = timeout;
    this.retries = retries;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * Pays, or answers the payment taken before under the request's key (the processor's idempotency:
   * the same create request with the same {@code Idempotency-Key} returns the first intent). The
   * amount is whole cents by {@link PaymentRequest}'s contract: rounding someone's payment is not
   * this class's call.
   */
  @Override
  public PaymentResult pay(PaymentRequest request) {
    HttpRequest post =
        HttpRequest.newBuilder(intents)
            .timeout(timeout)
            .header("Authorization", "Bearer " + secretKey)
            .header("Idempotency-Key", request.idempotencyKey())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(request)))
            .build();
    for (int attempt = 0; ; attempt++) {
      Answer answer = send(post);
      if (!answer.retryable() || attempt >= retries) {
        return answer.result();
      }
      LOG.log(
          Level.INFO,
          "payment {0}: processor attempt {1} failed ({2}), retrying",
          new Object[] {request.idempotencyKey(), attempt + 1, answer.result().message()});
      pause(attempt);
    }
  }

  /** Cents, as the processor counts money; {@link PaymentRequest} has refused anything else. */
  static long cents(BigDecimal amount) {
    BigDecimal cents = amount.movePointRight(2);
    if (amount.signum() <= 0 || cents.stripTrailingZeros().scale() > 0) {
      throw new IllegalArgumentException("a payment must be a positive whole number of cents");
    }
    return cents.longValueExact();
  }

  private static String form(PaymentRequest request) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("amount", Long.toString(cents(request.amount())));
    fields.put("currency", "usd");
    fields.put("payment_method", request.paymentMethod());
    fields.put("payment_method_types[]", "card");
    fields.put("confirm", "true");
    if (request.description() != null) {
      fields.put("description", request.description());
    }
    fields.put("metadata[account_id]", Long.toString(request.accountId()));
    return fields.entrySet().stream()
        .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
        .collect(Collectors.joining("&"));
  }

  private Answer send(HttpRequest post) {
    HttpResponse<String> response;
    try {
      response = http.send(post, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      // Timeouts, refused and reset connections: the payment may or may not have been taken.
      return Answer.retry(unknown("the card processor did not answer: " + e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Answer.last(unknown("interrupted while waiting for the card processor"));
    }
    int status = response.statusCode();
    if (status >= 500 || status == 429) {
      return Answer.retry(unknown("the card processor answered " + status));
    }
    try {
      JsonObject body = Json.parse(response.body()).asJsonObject();
      return Answer.last(status == 200 ? intent(body) : refusal(status, body));
    } catch (JsonException | IllegalStateException | ClassCastException | NullPointerException e) {
      // It may have taken the payment and answered through something that mangled the answer.
      return Answer.last(unknown("the card processor's answer (" + status + ") is unreadable"));
    }
  }

  /** A confirmed intent: succeeded, or stuck on something a server-side payment cannot do. */
  private static PaymentResult intent(JsonObject body) {
    String status = body.getString("status", "");
    if ("succeeded".equals(status)) {
      return PaymentResult.succeeded(body.getString("id"));
    }
    if ("requires_action".equals(status)) {
      return PaymentResult.declined(
          "authentication_required", "Your bank asks you to confirm this payment.");
    }
    if ("processing".equals(status)) {
      // Asking again under the same key answers the intent once it has settled.
      return unknown("the payment is still being processed");
    }
    return unavailable("the payment did not complete (status " + status + ")");
  }

  private static PaymentResult refusal(int status, JsonObject body) {
    JsonObject error =
        body.get("error") instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
    String message = error.getString("message", "Your card was declined.");
    if ("card_error".equals(error.getString("type", ""))) {
      String code = error.getString("decline_code", error.getString("code", "card_declined"));
      return PaymentResult.declined(code, message);
    }
    if ("payment_method".equals(error.getString("param", ""))) {
      return PaymentResult.declined("invalid_payment_method", message);
    }
    if (status == 409 && "idempotency_key_in_use".equals(error.getString("code", ""))) {
      return unknown("another request with this payment's key is still being processed");
    }
    // 401 (wrong key), 409 (key reused with other parameters), 400 (a request Tally got wrong).
    LOG.log(
        Level.WARNING,
        "card processor refused the request ({0}): {1}",
        new Object[] {status, body});
    return unavailable("the card processor refused the request (" + status + ")");
  }

  private static PaymentResult unavailable(String message) {
    return PaymentResult.failed(UNAVAILABLE, message);
  }

  private static PaymentResult unknown(String message) {
    return PaymentResult.unknown(UNAVAILABLE, message);
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(200L * (attempt + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** One attempt's result, and whether another attempt may change it. */
  private record Answer(PaymentResult result, boolean retryable) {
    static Answer retry(PaymentResult result) {
      return new Answer(result, true);
    }

    static Answer last(PaymentResult result) {
      return new Answer(result, false);
    }
  }
}
