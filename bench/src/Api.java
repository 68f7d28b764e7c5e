import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Tally's API for setup and checks (not for load): each thread keeps its own keep-alive connection.
 * A request that meets a connection the server closed while it was idle is sent once more on a new
 * one; the requests sent here are reads or carry their own idempotency.
 */
final class Api {
  private final Http http;
  private final ThreadLocal<Http.Connection> connection;
  private final List<Http.Connection> all = new CopyOnWriteArrayList<>();

  Api(Http http) {
    this.http = http;
    this.connection =
        ThreadLocal.withInitial(
            () -> {
              Http.Connection c = http.connect();
              all.add(c);
              return c;
            });
  }

  /** Closes every connection while none is in use, so none lies idle through a phase. */
  void closeAll() {
    all.forEach(Http.Connection::close);
  }

  Http http() {
    return http;
  }

  Http.Answer get(String path) {
    return send(http.get(path));
  }

  Http.Answer post(String path, String json, String idempotencyKey) {
    return send(http.post(path, json, idempotencyKey));
  }

  Http.Answer put(String path, String json) {
    return send(http.put(path, json));
  }

  private Http.Answer send(byte[] request) {
    try {
      return connection.get().send(request);
    } catch (IOException first) {
      try {
        return connection.get().send(request);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * Runs {@code task(i)} for i in [0, n) on {@code threads} threads; rethrows the first failure.
   */
  void parallel(int n, int threads, IntConsumer task) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = first; i < n; i += threads) {
                    task.accept(i);
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
    } finally {
      pool.shutdownNow();
      closeAll();
    }
  }

  /** Thrown when setup or a check cannot go on. */
  static final class Failure extends RuntimeException {
    Failure(String what, Http.Answer answer) {
      super(what + ": HTTP " + answer.status() + " " + Json.abbreviate(answer.body()));
    }
  }

  static Http.Answer expect(Http.Answer a, String what, int... statuses) {
    for (int s : statuses) {
      if (a.status() == s) {
        return a;
      }
    }
    throw new Failure(what, a);
  }
}
