import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The transactions of the ceiling on one JDBC connection, with the statements prepared once. A
 * charge writes what Tally's {@code LedgerWriter.charge} writes (billing-ejb's {@code ChargeSql},
 * {@code LimitSql}, {@code SpeedRollup} and {@code Holds} at the time of writing: the conditional
 * debit with its fair-use, quota and spend-limit guards, the balance read back, the ledger entry,
 * the charge row, the day's usage rollup and the model's speed row), one statement each. A batch
 * writes the same rows with one debit per account and multi-row statements, the least the database
 * can be asked to do for them. If the charge's rows change, change these with them.
 */
final class CeilingTx implements AutoCloseable {

  private static final String COUNT =
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
  private static final String LINE_ITEMS =
      "[{\"description\":\"Bench image, 1.234 s\",\"quantity\":\"1.234\",\"unit\":\"second\","
          + "\"unitPrice\":\"0.100000\",\"amount\":\"0.123400\"}]";

  private static final String FINGERPRINT = "0".repeat(64);

  /** The bucket of a 1,234 ms call in {@code SpeedBuckets} (1-2 s). */
  private static final int SPEED_BUCKET = 4;

  private static final int SHARDS = 16;

  private final Connection c;
  private final PreparedStatement chargeDebit;
  private final PreparedStatement settleDebit;
  private final PreparedStatement settle;
  private final PreparedStatement hold;
  private final PreparedStatement holdRow;
  private final PreparedStatement charged;
  private final PreparedStatement entry;
  private final PreparedStatement charge;
  private final PreparedStatement rollup;
  private final PreparedStatement speed;
  private final PreparedStatement read;
  private final Map<Integer, PreparedStatement[]> multi = new HashMap<>();

  CeilingTx(Connection c) throws SQLException {
    this.c = c;
    c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    chargeDebit = c.prepareStatement(CHARGE_DEBIT);
    settleDebit = c.prepareStatement(SETTLE_DEBIT);
    settle = c.prepareStatement(SETTLE);
    hold = c.prepareStatement(HOLD);
    holdRow = c.prepareStatement(HOLD_ROW, Statement.RETURN_GENERATED_KEYS);
    charged = c.prepareStatement(CHARGED);
    entry = c.prepareStatement(ENTRY_COLUMNS + ENTRY_ROW);
    charge = c.prepareStatement(CHARGE_COLUMNS + CHARGE_ROW, Statement.RETURN_GENERATED_KEYS);
    rollup = c.prepareStatement(ROLLUP_COLUMNS + ROLLUP_ROW + ROLLUP_UPDATE);
    speed = c.prepareStatement(SPEED);
    read = c.prepareStatement(READ);
  }

  Connection connection() {
    return c;
  }

  /** One charge in its own transaction, settling {@code holdId} first when it is not 0. */
  Void charge(long account, String requestId, long holdId) throws SQLException {
    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
    Date month = Date.valueOf(now.toLocalDate().withDayOfMonth(1));
    BigDecimal amount = Fixture.CHARGE;
    PreparedStatement debit = chargeDebit;
    if (holdId != 0) {
      settle.setObject(1, now);
      settle.setLong(2, holdId);
      settle.setLong(3, account);
      one(settle.executeUpdate(), "settle");
      debit = settleDebit;
      debit.setBigDecimal(1, amount);
      debit.setLong(2, holdId);
      debit.setBigDecimal(3, amount);
      bindCount(debit, 4, amount, month);
      debit.setLong(8, account);
      debit.setLong(9, holdId);
      debit.setBigDecimal(10, amount);
    } else {
      bindDebit(debit, account, amount, month);
    }
    one(debit.executeUpdate(), "debit");
    BigDecimal balance;
    charged.setNull(1, Types.BIGINT);
    charged.setLong(2, account);
    try (ResultSet row = charged.executeQuery()) {
      row.next();
      balance = row.getBigDecimal(1);
    }
    bindEntry(entry, 1, account, requestId, balance, now);
    entry.executeUpdate();
    bindCharge(charge, 1, account, requestId, balance, holdId, now);
    charge.executeUpdate();
    try (ResultSet keys = charge.getGeneratedKeys()) {
      keys.next();
    }
    bindRollup(rollup, 1, account, now.toLocalDate(), 1);
    rollup.executeUpdate();
    bindSpeed(speed, account, now.toLocalDate(), 1);
    speed.executeUpdate();
    c.commit();
    return null;
  }

  /** The hold of one call's cost in its own transaction; answers its id. */
  long hold(long account) throws SQLException {
    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
    hold.setBigDecimal(1, Fixture.CHARGE);
    hold.setLong(2, account);
    hold.setBigDecimal(3, Fixture.CHARGE);
    hold.setDate(4, Date.valueOf(now.toLocalDate().withDayOfMonth(1)));
    hold.setBigDecimal(5, Fixture.CHARGE);
    one(hold.executeUpdate(), "hold");
    holdRow.setLong(1, account);
    holdRow.setString(2, Fixture.MODEL);
    holdRow.setBigDecimal(3, Fixture.CHARGE);
    holdRow.setObject(4, now.plusMinutes(15));
    holdRow.setObject(5, now);
    holdRow.executeUpdate();
    long id;
    try (ResultSet keys = holdRow.getGeneratedKeys()) {
      keys.next();
      id = keys.getLong(1);
    }
    c.commit();
    return id;
  }

  /** A balance read by primary key, outside any transaction (autocommit). */
  Void read(long account) throws SQLException {
    read.setLong(1, account);
    try (ResultSet row = read.executeQuery()) {
      one(row.next() ? 1 : 0, "read");
    }
    return null;
  }

  /**
   * Charges {@code accounts[j]} once per j in one transaction: one debit per account (summed, in id
   * order, so two batches never wait for each other in a cycle), one read of the balances, then
   * every row with one multi-row statement per table.
   */
  Void batch(long[] accounts, String[] requestIds) throws SQLException {
    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
    LocalDate day = now.toLocalDate();
    Date month = Date.valueOf(day.withDayOfMonth(1));
    TreeMap<Long, Integer> perAccount = new TreeMap<>();
    for (long a : accounts) {
      perAccount.merge(a, 1, Integer::sum);
    }
    PreparedStatement[] s = statements(accounts.length, perAccount.size());
    for (Map.Entry<Long, Integer> e : perAccount.entrySet()) {
      bindDebit(chargeDebit, e.getKey(), times(e.getValue()), month);
      chargeDebit.addBatch();
    }
    for (int n : chargeDebit.executeBatch()) {
      if (n != 1 && n != Statement.SUCCESS_NO_INFO) {
        throw new SQLException("a batch debit changed " + n + " rows");
      }
    }
    Map<Long, BigDecimal> balance = new HashMap<>();
    int i = 1;
    for (long a : perAccount.keySet()) {
      s[0].setLong(i++, a);
    }
    try (ResultSet row = s[0].executeQuery()) {
      while (row.next()) {
        balance.put(row.getLong(1), row.getBigDecimal(2));
      }
    }
    // Each charge's balance after it, worked back from the account's final balance.
    BigDecimal[] after = new BigDecimal[accounts.length];
    for (int j = accounts.length - 1; j >= 0; j--) {
      after[j] = balance.get(accounts[j]);
      balance.put(accounts[j], after[j].add(Fixture.CHARGE));
    }
    for (int j = 0; j < accounts.length; j++) {
      bindCharge(s[1], 1 + j * 15, accounts[j], requestIds[j], after[j], 0, now);
      bindEntry(s[2], 1 + j * 8, accounts[j], requestIds[j], after[j], now);
    }
    s[1].executeUpdate();
    try (ResultSet keys = s[1].getGeneratedKeys()) {
      while (keys.next()) {
        keys.getLong(1);
      }
    }
    s[2].executeUpdate();
    int k = 0;
    for (Map.Entry<Long, Integer> e : perAccount.entrySet()) {
      bindRollup(s[3], 1 + 6 * k++, e.getKey(), day, e.getValue());
    }
    s[3].executeUpdate();
    int[] perShard = new int[SHARDS];
    for (long a : accounts) {
      perShard[(int) Math.floorMod(a, (long) SHARDS)]++;
    }
    for (int shard = 0; shard < SHARDS; shard++) {
      if (perShard[shard] > 0) {
        speed.setString(1, Fixture.MODEL);
        speed.setObject(2, day);
        speed.setInt(3, SPEED_BUCKET);
        speed.setInt(4, shard);
        speed.setLong(5, perShard[shard]);
        speed.setLong(6, (long) perShard[shard] * Fixture.DURATION_MS);
        speed.addBatch();
      }
    }
    speed.executeBatch();
    c.commit();
    return null;
  }

  /** The multi-row statements of a batch of n charges over {@code accounts} accounts. */
  private PreparedStatement[] statements(int n, int accounts) throws SQLException {
    PreparedStatement[] s = multi.get(n * 100_000 + accounts);
    if (s == null) {
      s =
          new PreparedStatement[] {
            c.prepareStatement(
                "SELECT id, balance FROM account WHERE id IN (" + "?,".repeat(accounts - 1) + "?)"),
            c.prepareStatement(
                CHARGE_COLUMNS + rows(CHARGE_ROW, n), Statement.RETURN_GENERATED_KEYS),
            c.prepareStatement(ENTRY_COLUMNS + rows(ENTRY_ROW, n)),
            c.prepareStatement(ROLLUP_COLUMNS + rows(ROLLUP_ROW, accounts) + ROLLUP_UPDATE)
          };
      multi.put(n * 100_000 + accounts, s);
    }
    return s;
  }

  private static String rows(String row, int n) {
    return (row + ",").repeat(n - 1) + row;
  }

  private static BigDecimal times(int n) {
    return Fixture.CHARGE.multiply(BigDecimal.valueOf(n));
  }

  private static void bindDebit(PreparedStatement u, long account, BigDecimal amount, Date month)
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

  private static void bindCount(PreparedStatement u, int i, BigDecimal amount, Date month)
      throws SQLException {
    u.setInt(i, 0);
    u.setDate(i + 1, month);
    u.setBigDecimal(i + 2, amount);
    u.setDate(i + 3, month);
  }

  private static void bindEntry(
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

  private static void bindCharge(
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

  private static void bindRollup(PreparedStatement p, int i, long account, LocalDate day, int calls)
      throws SQLException {
    p.setLong(i, account);
    p.setObject(i + 1, day);
    p.setString(i + 2, Fixture.MODEL);
    p.setLong(i + 3, calls);
    p.setLong(i + 4, (long) calls * Fixture.DURATION_MS);
    p.setBigDecimal(i + 5, times(calls));
  }

  private static void bindSpeed(PreparedStatement p, long account, LocalDate day, int calls)
      throws SQLException {
    p.setString(1, Fixture.MODEL);
    p.setObject(2, day);
    p.setInt(3, SPEED_BUCKET);
    p.setInt(4, (int) Math.floorMod(account, (long) SHARDS));
    p.setLong(5, calls);
    p.setLong(6, (long) calls * Fixture.DURATION_MS);
  }

  private static void one(int rows, String what) throws SQLException {
    if (rows != 1) {
      throw new SQLException(what + " changed " + rows + " rows, expected 1");
    }
  }

  /** After a failure inside a transaction: nothing of it stays, nothing of it is queued. */
  void rollback() throws SQLException {
    chargeDebit.clearBatch();
    speed.clearBatch();
    if (!c.getAutoCommit()) {
      c.rollback();
    }
  }

  @Override
  public void close() throws SQLException {
    c.close();
  }
}
