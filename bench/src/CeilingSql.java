import java.math.BigDecimal;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * The SQL of the ceiling and its bindings, as Tally's billing-ejb writes a charge ({@code
 * ChargeSql}, {@code LimitSql}, {@code SpeedRollup}, {@code Holds}) at the time of writing; the
 * multi-row forms are the ceiling's own. If the charge's rows change, change these with them.
 */
final class CeilingSql {

  static final String COUNT =
      " workflow_used = workflow_used + IF(workflow_quota IS NULL, 0, ?),"
          + " spent = IF(spend_month = ?, spent, 0) + ?, spend_month = ?";

  static final String CHARGE_DEBIT =
      "UPDATE account SET balance = balance - ?,"
          + " fair_use_used = fair_use_used + IF(fair_use_cap IS NULL, 0, ?),"
          + COUNT
          + " WHERE id = ?"
          + " AND balance - held + COALESCE(credit_limit, 0) >= ?"
          + " AND (fair_use_cap IS NULL OR fair_use_used < fair_use_cap)"
          + " AND (? = 0 OR workflow_quota IS NULL OR workflow_used < workflow_quota)"
          + " AND (spend_limit IS NULL OR IF(spend_month = ?, spent, 0) + held + ? <= spend_limit)";

  static final String SETTLE_DEBIT =
      "UPDATE account SET balance = balance - ?,"
          + " held = held - (SELECT amount FROM authorization_hold WHERE id = ?),"
          + " fair_use_used = fair_use_used + IF(fair_use_cap IS NULL, 0, ?),"
          + COUNT
          + " WHERE id = ?"
          + " AND balance - held + (SELECT amount FROM authorization_hold WHERE id = ?)"
          + " + COALESCE(credit_limit, 0) >= ?";

  static final String SETTLE =
      "UPDATE authorization_hold SET status = 'SETTLED', closed_at = ?"
          + " WHERE id = ? AND account_id = ? AND status = 'OPEN'";

  static final String HOLD =
      "UPDATE account SET held = held + ? WHERE id = ?"
          + " AND balance - held + COALESCE(credit_limit, 0) >= ?"
          + " AND (fair_use_cap IS NULL OR fair_use_used < fair_use_cap)"
          + " AND (spend_limit IS NULL OR IF(spend_month = ?, spent, 0) + held + ? <= spend_limit)";

  static final String HOLD_ROW =
      "INSERT INTO authorization_hold (account_id, model_id, amount, status, expires_at,"
          + " created_at) VALUES (?, ?, ?, 'OPEN', ?, ?)";

  static final String CHARGED =
      "SELECT a.balance, a.fair_use_used, a.fair_use_cap, a.fair_use_since, a.workflow_used,"
          + " a.workflow_quota, a.spent, a.spend_limit, k.spent, k.spend_limit"
          + " FROM account a LEFT JOIN api_key k ON k.id = ? WHERE a.id = ?";

  static final String ENTRY_COLUMNS =
      "INSERT INTO ledger_entry (account_id, amount, kind, reference, idempotency_key,"
          + " balance_after, created_by, created_at) VALUES ";
  static final String ENTRY_ROW = "(?, ?, ?, ?, ?, ?, ?, ?)";

  static final String CHARGE_COLUMNS =
      "INSERT INTO charge (account_id, request_id, model_id, workflow, amount, balance_after,"
          + " duration_ms, line_items, authorization_id, started_at, created_at, fingerprint,"
          + " failed_calls, queue_ms, cold_start_ms) VALUES ";
  static final String CHARGE_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  static final String ROLLUP_COLUMNS =
      "INSERT INTO usage_rollup (account_id, day, model_id, calls, total_duration_ms, amount,"
          + " failed_calls) VALUES ";
  static final String ROLLUP_ROW = "(?, ?, ?, ?, ?, ?, 0)";
  static final String ROLLUP_UPDATE =
      " ON DUPLICATE KEY UPDATE calls = calls + VALUES(calls),"
          + " total_duration_ms = total_duration_ms + VALUES(total_duration_ms),"
          + " amount = amount + VALUES(amount), failed_calls = failed_calls + VALUES(failed_calls)";

  static final String SPEED =
      "INSERT INTO model_speed (model_id, day, bucket, shard, calls, total_duration_ms)"
          + " VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE calls = calls + VALUES(calls),"
          + " total_duration_ms = total_duration_ms + VALUES(total_duration_ms)";

  static final String READ =
      "SELECT id, email, name, billing_mode, plan, balance, held, credit_limit FROM account"
          + " WHERE id = ?";

  /** A line item as the per_second sheet writes it; its size is what the charge row stores. */
  static final String LINE_ITEMS =
      "[{\"description\":\"Bench image, 1.234 s\",\"quantity\":\"1.234\",\"unit\":\"second\","
          + "\"unitPrice\":\"0.100000\",\"amount\":\"0.123400\"}]";

  static final String FINGERPRINT = "0".repeat(64);

  /** The bucket of a 1,234 ms call in {@code SpeedBuckets} (1-2 s). */
  static final int SPEED_BUCKET = 4;

  static final int SHARDS = 16;

  private CeilingSql() {}

  static String rows(String row, int n) {
    return (row + ",").repeat(n - 1) + row;
  }

  static BigDecimal times(int n) {
    return Fixture.CHARGE.multiply(BigDecimal.valueOf(n));
  }

  static void bindDebit(PreparedStatement u, long account, BigDecimal amount, Date month)
      throws SQLException {
    u.setBigDecimal(1, amount);
    u.setBigDecimal(2, amount);
    bindCount(u, 3, amount, month);
    u.setLong(7, account);
    u.setBigDecimal(8, amount);
    u.setInt(9, 0);
    u.setDate(10, month);
    u.setBigDecimal(11, amount);
  }

  static void bindCount(PreparedStatement u, int i, BigDecimal amount, Date month)
      throws SQLException {
    u.setInt(i, 0);
    u.setDate(i + 1, month);
    u.setBigDecimal(i + 2, amount);
    u.setDate(i + 3, month);
  }

  static void bindEntry(
      PreparedStatement p,
      int i,
      long account,
      String requestId,
      BigDecimal balance,
      LocalDateTime now)
      throws SQLException {
    p.setLong(i, account);
    p.setBigDecimal(i + 1, Fixture.CHARGE.negate());
    p.setString(i + 2, "USAGE");
    p.setString(i + 3, "request " + requestId + ": " + Fixture.MODEL);
    p.setString(i + 4, "usage:" + requestId);
    p.setBigDecimal(i + 5, balance);
    p.setString(i + 6, "gateway");
    p.setObject(i + 7, now);
  }

  static void bindCharge(
      PreparedStatement p,
      int i,
      long account,
      String requestId,
      BigDecimal balance,
      long holdId,
      LocalDateTime now)
      throws SQLException {
    p.setLong(i, account);
    p.setString(i + 1, requestId);
    p.setString(i + 2, Fixture.MODEL);
    p.setNull(i + 3, Types.VARCHAR);
    p.setBigDecimal(i + 4, Fixture.CHARGE);
    p.setBigDecimal(i + 5, balance);
    p.setLong(i + 6, Fixture.DURATION_MS);
    p.setString(i + 7, LINE_ITEMS);
    if (holdId == 0) {
      p.setNull(i + 8, Types.BIGINT);
    } else {
      p.setLong(i + 8, holdId);
    }
    p.setObject(i + 9, now);
    p.setObject(i + 10, now);
    p.setString(i + 11, FINGERPRINT);
    p.setInt(i + 12, 0);
    p.setLong(i + 13, 0);
    p.setLong(i + 14, 0);
  }

  static void bindRollup(PreparedStatement p, int i, long account, LocalDate day, int calls)
      throws SQLException {
    p.setLong(i, account);
    p.setObject(i + 1, day);
    p.setString(i + 2, Fixture.MODEL);
    p.setLong(i + 3, calls);
    p.setLong(i + 4, (long) calls * Fixture.DURATION_MS);
    p.setBigDecimal(i + 5, times(calls));
  }

  static void bindSpeed(PreparedStatement p, long account, LocalDate day, int calls)
      throws SQLException {
    p.setString(1, Fixture.MODEL);
    p.setObject(2, day);
    p.setInt(3, SPEED_BUCKET);
    p.setInt(4, (int) Math.floorMod(account, (long) SHARDS));
    p.setLong(5, calls);
    p.setLong(6, (long) calls * Fixture.DURATION_MS);
  }
}
