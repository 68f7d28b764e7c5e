package io.tally.billing.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

/**
 * Calls an account's webhook: a signed JSON POST of the notice. Any 2xx answer delivers it;
 * anything else, or no answer within the timeout, is a failed attempt to retry. Redirects are not
 * followed (the signed call must reach the URL the customer registered).
 */
@ApplicationScoped
public class WebhookSender {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static final JsonProvider JSON = JsonProvider.provider();

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @Inject Clock clock;

  @Inject WebhookTargets targets;

  void send(Delivery delivery) throws IOException {
    URI url = URI.create(delivery.webhookUrl());
    targets.checkReachable(url);
    String payload = payload(delivery);
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .header("User-Agent", "Tally-Webhooks/1")
            .header("Tally-Event-Id", delivery.eventId())
            .header(
                "Tally-Signature",
                WebhookSignature.header(
                    delivery.webhookSecret(), clock.instant().getEpochSecond(), payload))
            .POST(HttpRequest.BodyPublishers.ofString(payload))
            .build();
    HttpResponse<Void> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling the webhook", e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new IOException("the webhook answered " + response.statusCode());
    }
  }

  static String payload(Delivery delivery) {
    return JSON.createObjectBuilder()
        .add("id", delivery.eventId())
        .add("type", delivery.type())
        .add("accountId", delivery.accountId())
        .add("subject", delivery.subject())
        .add("body", delivery.body())
        .add("createdAt", delivery.createdAt().toString())
        .build()
        .toString();
  }
}
