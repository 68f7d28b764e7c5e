package io.tally.billing.ledger;

import io.tally.billing.ledger.ChargeWrite.RollupDelta;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A group's usage rollups ({@code usage_rollup}), added up per row (account, day, model) in Java
 * and written by one multi-row upsert: a hundred calls of a few models on a few accounts write a
 * few rows. Rows go in their key's order, so two groups lock shared rows in one order. The rule of
 * what a call adds is {@link ChargeSql#ROLLUP}'s: a failed call counts as a call and a failure and
 * adds nothing to the duration sum.
 */
final class UsageRollups {

  private static final int COLUMNS = 7;

  private static final Comparator<Row> ORDER =
      Comparator.comparingLong(Row::accountId).thenComparing(Row::day).thenComparing(Row::model);

  private UsageRollups() {}

  /** Adds the calls of {@code writes} (all charged in this transaction). */
  static void add(Connection connection, List<ChargeWrite> writes) throws SQLException {
    Map<Row, Sum> rows = new TreeMap<>(ORDER);
    for (ChargeWrite write : writes) {
      for (RollupDelta call : write.rollups()) {
        rows.computeIfAbsent(new Row(write.accountId(), call.day(), call.model()), row -> new Sum())
            .add(call);
      }
    }
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement upsert =
        connection.prepareStatement(
            "INSERT INTO usage_rollup (account_id, day, model_id, calls, total_duration_ms, amount,"
                + " failed_calls) VALUES "
                + ChargeSql.rows(COLUMNS, rows.size())
                + " ON DUPLICATE KEY UPDATE calls = calls + VALUES(calls),"
                + " total_duration_ms = total_duration_ms + VALUES(total_duration_ms),"
                + " amount = amount + VALUES(amount),"
                + " failed_calls = failed_calls + VALUES(failed_calls)")) {
      int next = 1;
      for (Map.Entry<Row, Sum> entry : rows.entrySet()) {
        Row row = entry.getKey();
        Sum sum = entry.getValue();
        upsert.setLong(next++, row.accountId());
        upsert.setObject(next++, row.day());
        upsert.setString(next++, row.model());
        upsert.setLong(next++, sum.calls);
        upsert.setLong(next++, sum.durationMs);
        upsert.setBigDecimal(next++, sum.amount);
        upsert.setLong(next++, sum.failed);
      }
      upsert.executeUpdate();
    }
  }

  private record Row(long accountId, LocalDate day, String model) {}

  private static final class Sum {
    long calls;
    long durationMs;
    BigDecimal amount = BigDecimal.ZERO;
    long failed;

    void add(RollupDelta call) {
      calls++;
      if (call.failed()) {
        failed++;
      } else {
        durationMs += call.durationMs();
      }
      amount = amount.add(call.amount());
    }
  }
}
