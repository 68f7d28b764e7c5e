import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Warm-up until the rate is steady: a counter is read at the end of each window, and warm-up ends
 * when the rates of the last three consecutive windows lie within the given share of the largest
 * (three, not two: a rate still climbing by 4 % a window would pass a test of two), or when the
 * maximum warm-up has passed. The JIT needs about a minute of load on 2 cores before a Payara Micro
 * server's rate settles; a fixed short warm-up measures the interpreter.
 */
record Steady(boolean steady, int seconds, double[] rates) {

  static Steady await(LongSupplier counter, int windowSeconds, int maxSeconds, double percent)
      throws InterruptedException {
    int windows = Math.max(3, maxSeconds / Math.max(1, windowSeconds));
    double[] rates = new double[windows];
    long start = System.nanoTime();
    long last = counter.getAsLong();
    for (int i = 0; i < windows; i++) {
      Clock.sleepUntil(start + (i + 1) * windowSeconds * 1_000_000_000L);
      long now = counter.getAsLong();
      rates[i] = (double) (now - last) / windowSeconds;
      last = now;
      if (i > 1 && close(rates[i - 2], rates[i - 1], rates[i], percent)) {
        return new Steady(true, (i + 1) * windowSeconds, java.util.Arrays.copyOf(rates, i + 1));
      }
    }
    return new Steady(false, windows * windowSeconds, rates);
  }

  private static boolean close(double a, double b, double c, double percent) {
    double max = Math.max(a, Math.max(b, c));
    double min = Math.min(a, Math.min(b, c));
    return max > 0 && max - min < max * percent / 100;
  }

  /** "steady after 35 s" or "NOT steady after 60 s", with the windows' rates. */
  String text() {
    StringBuilder b = new StringBuilder(steady ? "steady after " : "NOT steady after ");
    b.append(seconds).append(" s (windows:");
    for (double r : rates) {
      b.append(String.format(Locale.ROOT, " %.0f", r));
    }
    return b.append("/s)").toString();
  }

  /** Sleeping until a point of {@link System#nanoTime}. */
  static final class Clock {
    private Clock() {}

    static void sleepUntil(long nanoTime) throws InterruptedException {
      long wait = nanoTime - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
    }
  }
}
