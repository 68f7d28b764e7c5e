package io.tally.billing.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A real HTTP endpoint for webhook calls (the JDK's server on a free port): records each call and
 * answers the statuses queued with {@link #answer}, then 200.
 */
final class WebhookReceiver implements AutoCloseable {

  /** One call as received, and what it was answered. */
  record Call(String eventId, String signature, String contentType, String body, int answered) {}

  private final HttpServer server;
  private final List<Call> calls = new ArrayList<>();
  private final Deque<Integer> answers = new ArrayDeque<>();

  private WebhookReceiver(HttpServer server) {
    this.server = server;
  }

  static WebhookReceiver start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      WebhookReceiver receiver = new WebhookReceiver(server);
      server.createContext("/hook", receiver::handle);
      server.start();
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  /** The next calls are answered with these statuses, in order. */
  synchronized void answer(int... statuses) {
    for (int status : statuses) {
      answers.add(status);
    }
  }

  synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  /** Waits until at least {@code count} calls arrived, at most {@code within}; fails otherwise. */
  List<Call> await(int count, Duration within) {
    return Poll.until(
        () -> {
          List<Call> received = calls();
          return received.size() >= count ? received : null;
        },
        within,
        count + " webhook calls");
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    int status;
    synchronized (this) {
      status = answers.isEmpty() ? 200 : answers.poll();
      calls.add(
          new Call(
              exchange.getRequestHeaders().getFirst("Tally-Event-Id"),
              exchange.getRequestHeaders().getFirst("Tally-Signature"),
              exchange.getRequestHeaders().getFirst("Content-Type"),
              body,
              status));
    }
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }
}
