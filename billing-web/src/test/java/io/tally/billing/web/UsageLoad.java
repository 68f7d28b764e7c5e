package io.tally.billing.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Concurrent clients sending {@code POST /usage}, each request with a unique requestId, recording
 * what each got: a charge, a 503, no answer at all (the server died under it), or anything else.
 * The model costs $0.001 a second, so a call of {@code durationMs} costs exactly {@code durationMs}
 * micro-dollars.
 */
final class UsageLoad {

  /** One request and what came of it; {@code status} is -1 when no answer came. */
  record Sent(
      String requestId,
      long accountId,
      long durationMs,
      int status,
      String retryAfter,
      String body,
      long millis) {

    BigDecimal cost() {
      return BigDecimal.valueOf(durationMs, 6);
    }

    String json(String model) {
      return "{\"requestId\":\""
          + requestId
          + "\",\"accountId\":"
          + accountId
          + ",\"model\":\""
          + model
          + "\",\"durationMs\":"
          + durationMs
          + "}";
    }

    boolean charged() {
      return status == 201 || status == 200;
    }
  }

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final URI usage;
  private final String model;
  private final List<Long> accounts;
  private final String prefix;
  private final Queue<Sent> sent = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Thread> clients = new ArrayList<>();

  UsageLoad(URL base, String model, List<Long> accounts, String prefix) {
    this.usage = URI.create(base + "api/v1/usage");
    this.model = model;
    this.accounts = accounts;
    this.prefix = prefix;
  }

  void start(int clientCount) {
    for (int c = 0; c < clientCount; c++) {
      int client = c;
      Thread thread = new Thread(() -> run(client), prefix + "-client-" + client);
      thread.setDaemon(true);
      clients.add(thread);
      thread.start();
    }
  }

  /** Stops the clients once their requests in flight are answered or failed. */
  void stop() throws InterruptedException {
    running.set(false);
    for (Thread client : clients) {
      client.join(Duration.ofSeconds(90).toMillis());
    }
  }

  List<Sent> sent() {
    return List.copyOf(sent);
  }

  long count(int status) {
    return sent.stream().filter(s -> s.status() == status).count();
  }

  long charged() {
    return sent.stream().filter(Sent::charged).count();
  }

  private void run(int client) {
    for (int i = 0; running.get(); i++) {
      Sent request =
          new Sent(
              prefix + "-" + client + "-" + i,
              accounts.get((client + i) % accounts.size()),
              1000 + (i * 7L + client) % 500,
              -1,
              null,
              null,
              0);
      sent.add(send(request));
    }
  }

  private Sent send(Sent request) {
    long start = System.nanoTime();
    HttpRequest http =
        HttpRequest.newBuilder(usage)
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + Api.ADMIN_KEY)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(request.json(model)))
            .build();
    try {
      HttpResponse<String> response = HTTP.send(http, HttpResponse.BodyHandlers.ofString());
      return answered(request, response, start);
    } catch (IOException noAnswer) {
      pause(); // the server is gone: do not spin
      return new Sent(
          request.requestId(),
          request.accountId(),
          request.durationMs(),
          -1,
          null,
          noAnswer.toString(),
          elapsed(start));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Sent answered(Sent request, HttpResponse<String> response, long start) {
    if (response.statusCode() == 503) {
      pause();
    }
    return new Sent(
        request.requestId(),
        request.accountId(),
        request.durationMs(),
        response.statusCode(),
        response.headers().firstValue("Retry-After").orElse(null),
        response.body(),
        elapsed(start));
  }

  private static long elapsed(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
