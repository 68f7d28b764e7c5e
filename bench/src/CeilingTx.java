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
    chargeDebit = c.prepareStatement(CeilingSql.CHARGE_DEBIT);
    settleDebit = c.prepareStatement(CeilingSql.SETTLE_DEBIT);
    settle = c.prepareStatement(CeilingSql.SETTLE);
    hold = c.prepareStatement(CeilingSql.HOLD);
    holdRow = c.prepareStatement(CeilingSql.HOLD_ROW, Statement.RETURN_GENERATED_KEYS);
    charged = c.prepareStatement(CeilingSql.CHARGED);
    entry = c.prepareStatement(CeilingSql.ENTRY_COLUMNS + CeilingSql.ENTRY_ROW);
    charge =
        c.prepareStatement(
            CeilingSql.CHARGE_COLUMNS + CeilingSql.CHARGE_ROW, Statement.RETURN_GENERATED_KEYS);
    rollup =
        c.prepareStatement(
            CeilingSql.ROLLUP_COLUMNS + CeilingSql.ROLLUP_ROW + CeilingSql.ROLLUP_UPDATE);
    speed = c.prepareStatement(CeilingSql.SPEED);
    read = c.prepareStatement(CeilingSql.READ);
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
      CeilingSql.bindCount(debit, 4, amount, month);
      debit.setLong(8, account);
      debit.setLong(9, holdId);
      debit.setBigDecimal(10, amount);
    } else {
      CeilingSql.bindDebit(debit, account, amount, month);
    }
    one(debit.executeUpdate(), "debit");
    BigDecimal balance;
    charged.setNull(1, Types.BIGINT);
    charged.setLong(2, account);
    try (ResultSet row = charged.executeQuery()) {
      row.next();
      balance = row.getBigDecimal(1);
    }
    CeilingSql.bindEntry(entry, 1, account, requestId, balance, now);
    entry.executeUpdate();
    CeilingSql.bindCharge(charge, 1, account, requestId, balance, holdId, now);
    charge.executeUpdate();
    try (ResultSet keys = charge.getGeneratedKeys()) {
      keys.next();
    }
    CeilingSql.bindRollup(rollup, 1, account, now.toLocalDate(), 1);
    rollup.executeUpdate();
    CeilingSql.bindSpeed(speed, account, now.toLocalDate(), 1);
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
      CeilingSql.bindDebit(chargeDebit, e.getKey(), CeilingSql.times(e.getValue()), month);
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
      CeilingSql.bindCharge(s[1], 1 + j * 15, accounts[j], requestIds[j], after[j], 0, now);
      CeilingSql.bindEntry(s[2], 1 + j * 8, accounts[j], requestIds[j], after[j], now);
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
      CeilingSql.bindRollup(s[3], 1 + 6 * k++, e.getKey(), day, e.getValue());
    }
    s[3].executeUpdate();
    int[] perShard = new int[CeilingSql.SHARDS];
    for (long a : accounts) {
      perShard[(int) Math.floorMod(a, (long) CeilingSql.SHARDS)]++;
    }
    for (int shard = 0; shard < CeilingSql.SHARDS; shard++) {
      if (perShard[shard] > 0) {
        speed.setString(1, Fixture.MODEL);
        speed.setObject(2, day);
        speed.setInt(3, CeilingSql.SPEED_BUCKET);
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
                CeilingSql.CHARGE_COLUMNS + CeilingSql.rows(CeilingSql.CHARGE_ROW, n),
                Statement.RETURN_GENERATED_KEYS),
            c.prepareStatement(CeilingSql.ENTRY_COLUMNS + CeilingSql.rows(CeilingSql.ENTRY_ROW, n)),
            c.prepareStatement(
                CeilingSql.ROLLUP_COLUMNS
                    + CeilingSql.rows(CeilingSql.ROLLUP_ROW, accounts)
                    + CeilingSql.ROLLUP_UPDATE)
          };
      multi.put(n * 100_000 + accounts, s);
    }
    return s;
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
