package io.tally.billing.speed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SpeedBucketsTest {

  @Test
  void bucketsRunFrom100MsToAnHourIn125Steps() {
    assertEquals(0, SpeedBuckets.of(0));
    assertEquals(0, SpeedBuckets.of(99));
    assertEquals(1, SpeedBuckets.of(100));
    assertEquals(1, SpeedBuckets.of(199));
    assertEquals(2, SpeedBuckets.of(200));
    assertEquals(3, SpeedBuckets.of(999));
    assertEquals(4, SpeedBuckets.of(1_000));
    assertEquals(14, SpeedBuckets.of(3_599_999));
    assertEquals(15, SpeedBuckets.of(3_600_000));
    assertEquals(15, SpeedBuckets.of(86_400_000));
    assertEquals(16, SpeedBuckets.COUNT);
    for (int i = 1; i < SpeedBuckets.COUNT; i++) {
      assertEquals(SpeedBuckets.upper(i - 1), SpeedBuckets.lower(i));
      assertEquals(i, SpeedBuckets.of(SpeedBuckets.lower(i)));
    }
  }

  @Test
  void anEmptyHistogramHasNoPercentile() {
    assertNull(
        SpeedBuckets.percentile(50, new long[SpeedBuckets.COUNT], new long[SpeedBuckets.COUNT]));
  }

  @Test
  void percentilesAreExactWhenTheirBucketsCallsTookTheSameTime() {
    long[] durations = {1234, 1234, 1234, 1234, 5000};
    assertEquals(1234L, percentile(50, durations));
    assertEquals(5000L, percentile(90, durations));
  }

  @Test
  void percentilesAreWithinTheirBucketsWidthOfTheTruth() {
    Random random = new Random(7);
    for (int run = 0; run < 500; run++) {
      long[] durations = new long[1 + random.nextInt(300)];
      for (int i = 0; i < durations.length; i++) {
        durations[i] = (long) Math.exp(random.nextDouble() * Math.log(86_400_000));
      }
      long[] sorted = durations.clone();
      Arrays.sort(sorted);
      for (int percent : new int[] {1, 50, 90, 99, 100}) {
        long truth = sorted[(int) ((percent * (long) sorted.length + 99) / 100) - 1];
        int bucket = SpeedBuckets.of(truth);
        long estimate = percentile(percent, durations);
        assertEquals(bucket, SpeedBuckets.of(estimate), "p" + percent + " of run " + run);
        assertTrue(
            Math.abs(estimate - truth) < SpeedBuckets.upper(bucket) - SpeedBuckets.lower(bucket));
      }
    }
  }

  private static Long percentile(int percent, long[] durations) {
    long[] calls = new long[SpeedBuckets.COUNT];
    long[] sums = new long[SpeedBuckets.COUNT];
    for (long duration : durations) {
      calls[SpeedBuckets.of(duration)]++;
      sums[SpeedBuckets.of(duration)] += duration;
    }
    return SpeedBuckets.percentile(percent, calls, sums);
  }
}
