import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * One load client: its own keep-alive connection, its sequence number, its latencies in the
 * measured window and what failed. A request that meets a transport error is sent once more with
 * the same bytes (the server's idempotency decides); the error is still reported.
 */
final class Client implements AutoCloseable {
  final int index;
  long seq;
  private final Http.Connection connection;
  private final LongAdder requests;
  private long[] latencies = new long[1 << 14];
  private int count;
  final Map<String, Long> failures = new TreeMap<>();
  final Map<String, String> samples = new HashMap<>();

  /** True when the last {@link #send} needed a second attempt (a 200 replay is then expected). */
  boolean resent;

  Client(int index, Http http, LongAdder requests) {
    this.index = index;
    this.connection = http.connect();
    this.requests = requests;
  }

  /** Sends a request; null when both attempts met a transport error (outcome unknown). */
  Http.Answer send(byte[] request) {
    resent = false;
    for (int attempt = 0; attempt < 2; attempt++) {
      requests.increment();
      try {
        return connection.send(request);
      } catch (IOException e) {
        fail("io " + e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        resent = true;
      }
    }
    return null;
  }

  /** Records a non-2xx answer (by status, first body kept) and answers false; true for 2xx. */
  boolean expect(Http.Answer a, String what, int status) {
    if (a == null) {
      return false;
    }
    if (a.status() == status || (resent && a.status() == 200)) {
      return true;
    }
    fail(what + " HTTP " + a.status(), a.body());
    return false;
  }

  void fail(String label, String sample) {
    failures.merge(label, 1L, Long::sum);
    samples.putIfAbsent(label, Json.abbreviate(sample));
  }

  void latency(long nanos) {
    if (count == latencies.length) {
      latencies = Arrays.copyOf(latencies, count * 2);
    }
    latencies[count++] = nanos;
  }

  long[] latencies() {
    return Arrays.copyOf(latencies, count);
  }

  @Override
  public void close() {
    connection.close();
  }
}
