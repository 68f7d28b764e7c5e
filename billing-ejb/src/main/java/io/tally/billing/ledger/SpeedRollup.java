package io.tally.billing.ledger;

import io.tally.billing.ledger.ChargeWrite.RollupDelta;
import io.tally.billing.speed.SpeedBuckets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The platform-wide speed histogram ({@code model_speed}) that charges add to, in their own
 * transaction: the one place that decides which calls count toward a model's speed. Calls of a
 * group are added up per row first, so a batch of a hundred calls of one model writes a few rows,
 * not a hundred.
 *
 * <p>It runs last in the charge's transaction and locks its rows in one order (model, day, bucket,
 * shard): every row lock a charge needs before these (accounts, holds, usage rollups) is already
 * held, so two charges never wait for each other in a cycle, and a row that every call of a model
 * shares is held only from here to the commit. Rows are split by account into {@link #SHARDS}
 * shards so that concurrent charges of different accounts seldom share one.
 */
final class SpeedRollup {

  static final int SHARDS = 16;

  private static final int COLUMNS = 6;

  private static final Comparator<Row> ORDER =
      Comparator.comparing(Row::model)
          .thenComparing(Row::day)
          .thenComparingInt(Row::bucket)
          .thenComparingInt(Row::shard);

  private SpeedRollup() {}

  /**
   * Which calls count: those whose event said how long they took (a call without {@code durationMs}
   * is billed as 0 ms, which says nothing about the model's speed) and that succeeded (a failed
   * call's time says how long it took to fail). Refunds do not change speed: the call still ran.
   */
  static boolean counts(RollupDelta call) {
    return call.timed() && !call.failed();
  }

  /** Adds the counted calls of {@code writes} (all charged in this transaction). */
  static void add(Connection connection, List<ChargeWrite> writes) throws SQLException {
    Map<Row, long[]> rows = new TreeMap<>(ORDER);
    for (ChargeWrite write : writes) {
      int shard = (int) Math.floorMod(write.accountId(), (long) SHARDS);
      for (RollupDelta call : write.rollups()) {
        if (counts(call)) {
          Row row = new Row(call.model(), call.day(), SpeedBuckets.of(call.durationMs()), shard);
          long[] sum = rows.computeIfAbsent(row, key -> new long[2]);
          sum[0]++;
          sum[1] += call.durationMs();
        }
      }
    }
    if (rows.isEmpty()) {
      return;
    }
    // One multi-row upsert: a JDBC batch of upserts would go as one statement per row.
    try (PreparedStatement upsert =
        connection.prepareStatement(
            "INSERT INTO model_speed (model_id, day, bucket, shard, calls, total_duration_ms)"
                + " VALUES "
                + ChargeSql.rows(COLUMNS, rows.size())
                + " ON DUPLICATE KEY UPDATE calls = calls + VALUES(calls),"
                + " total_duration_ms = total_duration_ms + VALUES(total_duration_ms)")) {
      int next = 1;
      for (Map.Entry<Row, long[]> entry : rows.entrySet()) {
        Row row = entry.getKey();
        upsert.setString(next++, row.model());
        upsert.setObject(next++, row.day());
        upsert.setInt(next++, row.bucket());
        upsert.setInt(next++, row.shard());
        upsert.setLong(next++, entry.getValue()[0]);
        upsert.setLong(next++, entry.getValue()[1]);
      }
      upsert.executeUpdate();
    }
  }

  private record Row(String model, LocalDate day, int bucket, int shard) {}
}
