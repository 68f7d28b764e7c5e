package io.tally.billing.api;

/**
 * A model's speed over recent days, platform-wide. {@code averageDurationMs} is the exact average
 * (summed durations ÷ calls) in whole milliseconds, rounded half-up; {@code p50DurationMs} and
 * {@code p90DurationMs} are read from duration buckets, so each is within its bucket's width of the
 * true percentile. All three are absent when the model had no calls. {@code typicalCost} is set for
 * a model priced per second: its rate in force now × the exact average duration, rounded half-up to
 * the micro-dollar as a plugin rounds a line.
 */
public record ModelStatsView(
    String model,
    int days,
    long calls,
    Long averageDurationMs,
    Long p50DurationMs,
    Long p90DurationMs,
    String typicalCost) {}
