package io.tally.billing.web;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits, with a bound, for what a timer or an asynchronous job does: the tests look again every
 * tenth of a second instead of sleeping a fixed time, and fail saying what did not happen.
 */
final class Poll {

  private static final Duration EVERY = Duration.ofMillis(100);

  private Poll() {}

  /** Answers the first non-null value {@code probe} gives within {@code within}. */
  static <T> T until(Supplier<T> probe, Duration within, String what) {
    Instant deadline = Instant.now().plus(within);
    while (true) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not within " + within + ": " + what);
      }
      try {
        Thread.sleep(EVERY.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** Returns once {@code done} holds, or fails after {@code within}. */
  static void until(BooleanSupplier done, Duration within, String what) {
    until(() -> done.getAsBoolean() ? Boolean.TRUE : null, within, what);
  }
}
