package io.tally.billing.speed;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The fixed duration buckets of a model's speed histogram, in 1-2-5 steps from 100 ms to an hour:
 * bucket 0 holds calls under 100 ms, bucket {@code i} those from {@code UPPER[i - 1]} up to (not
 * including) {@code UPPER[i]}, and the last one every call of an hour or more (up to a day, the
 * longest call a usage event may report). The bounds are fixed because rows of different days are
 * added up: changing them would mix two schemes, so a new scheme needs a new table.
 */
public final class SpeedBuckets {

  private static final long[] UPPER = {
    100,
    200,
    500,
    1_000,
    2_000,
    5_000,
    10_000,
    20_000,
    50_000,
    100_000,
    200_000,
    500_000,
    1_000_000,
    2_000_000,
    3_600_000,
    86_400_000
  };

  /** How many buckets there are. */
  public static final int COUNT = UPPER.length;

  private SpeedBuckets() {}

  /** The bucket of a call that took {@code durationMs}. */
  public static int of(long durationMs) {
    for (int i = 0; i < UPPER.length - 1; i++) {
      if (durationMs < UPPER[i]) {
        return i;
      }
    }
    return UPPER.length - 1;
  }

  /** The smallest duration in bucket {@code i}. */
  public static long lower(int i) {
    return i == 0 ? 0 : UPPER[i - 1];
  }

  /** The bound above bucket {@code i} (the last bucket's is the longest call, a day). */
  public static long upper(int i) {
    return UPPER[i];
  }

  /**
   * The {@code percent}th percentile (nearest rank) of a histogram, estimated as the average
   * duration of the calls in the bucket that holds it: that average lies in the same bucket as the
   * true value, so the estimate is off by less than the bucket's width, and it is exact when that
   * bucket's calls all took the same time. Null for an empty histogram.
   *
   * @param calls the calls in each bucket
   * @param durationMs the summed duration of each bucket's calls
   */
  public static Long percentile(int percent, long[] calls, long[] durationMs) {
    long total = 0;
    for (long count : calls) {
      total += count;
    }
    if (total == 0) {
      return null;
    }
    // The rank of the nearest-rank percentile, ceil(percent × total / 100), in whole numbers.
    long rank = (percent * total + 99) / 100;
    long seen = 0;
    for (int i = 0; i < calls.length; i++) {
      seen += calls[i];
      if (calls[i] > 0 && seen >= rank) {
        return average(durationMs[i], calls[i]);
      }
    }
    throw new IllegalStateException("rank " + rank + " is past " + total + " calls");
  }

  /** Whole milliseconds, rounded half-up, like every duration Tally shows. */
  public static long average(long durationMs, long calls) {
    return BigDecimal.valueOf(durationMs)
        .divide(BigDecimal.valueOf(calls), 0, RoundingMode.HALF_UP)
        .longValueExact();
  }
}
