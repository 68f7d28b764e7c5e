package io.tally.billing.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tally.billing.api.BillingException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A group decides its debits in Java ({@link GroupDebit}) under the accounts' row locks; this
 * proves, on the build's MariaDB, that it decides exactly what {@link ChargeSql#CHARGE_DEBIT} does
 * charge by charge. Each trial opens twin accounts in random states (balance, holds, credit limit,
 * fair-use cap, workflow quota, spend limit of this month or an earlier one, many at their
 * boundaries), writes random charges through {@link ChargeGroup} on one twin and through the
 * conditional UPDATE one by one on the other, and compares every answer (written or refused, the
 * balance and counts after it, the refusal's code and details) and the accounts' final columns.
 * Each trial rolls back. No application server: the schema is the shipped migrations, applied to a
 * database of its own.
 */
class GroupDebitIT {

  private static final String DATABASE = "tally_group_debit";
  private static final Instant NOW = Instant.parse("2026-03-14T10:15:30.123456Z");
  private static final LocalDate MONTH = LedgerWriter.monthOf(NOW);
  private static final int TRIALS = 400;

  static String url;

  @BeforeAll
  static void migrate() throws SQLException {
    String server = "jdbc:mariadb://127.0.0.1:" + System.getProperty("it.db.port") + "/";
    try (Connection connection = DriverManager.getConnection(server, "root", "");
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + DATABASE);
      statement.execute("CREATE DATABASE " + DATABASE);
    }
    url = server + DATABASE;
    Flyway.configure()
        .dataSource(url, "root", "")
        .locations("classpath:db/migration")
        .load()
        .migrate();
  }

  @Test
  void decidesEveryChargeAsTheConditionalDebitDoes() throws SQLException {
    Random random = new Random(20261129);
    int written = 0;
    int refused = 0;
    try (Connection connection = DriverManager.getConnection(url, "root", "")) {
      connection.setAutoCommit(false);
      for (int trial = 0; trial < TRIALS; trial++) {
        int[] counts = trial(connection, random, trial);
        written += counts[0];
        refused += counts[1];
        connection.rollback();
      }
    }
    // Both answers are well represented, or the comparison proves little.
    assertEquals(
        true, written > TRIALS && refused > TRIALS, written + " written, " + refused + " refused");
  }

  /** One trial; answers how many charges were written and how many refused. */
  private static int[] trial(Connection connection, Random random, int trial) throws SQLException {
    int accounts = 1 + random.nextInt(4);
    List<long[]> twins = new ArrayList<>();
    for (int a = 0; a < accounts; a++) {
      Object[] state = randomAccount(random);
      twins.add(
          new long[] {
            open(connection, state, trial, a, "g"), open(connection, state, trial, a, "s")
          });
    }
    List<ChargeWrite> group = new ArrayList<>();
    List<ChargeWrite> single = new ArrayList<>();
    int charges = 1 + random.nextInt(12);
    for (int c = 0; c < charges; c++) {
      BigDecimal amount = money(random, 4, 3);
      int runs = random.nextInt(3) == 0 ? 1 : 0;
      String request = "t" + trial + "-" + c;
      if (random.nextInt(20) == 0) {
        // An account that does not exist: refused on its own, the others go on.
        group.add(charge(999_999_000L + c, request, amount, runs));
        single.add(charge(999_999_000L + c, request, amount, runs));
        continue;
      }
      long[] twin = twins.get(random.nextInt(accounts));
      group.add(charge(twin[0], request, amount, runs));
      single.add(charge(twin[1], request, amount, runs));
    }
    // The group's order is the caller's (by account); the single charges follow it.
    group.sort((x, y) -> Long.compare(x.accountId(), y.accountId()));
    single.sort((x, y) -> Long.compare(x.accountId(), y.accountId()));

    List<ChargeAttempt> attempts = ChargeGroup.write(connection, group, NOW);

    int[] counts = new int[2];
    for (int k = 0; k < single.size(); k++) {
      ChargeWrite write = single.get(k);
      ChargeAttempt attempt = attempts.get(k);
      String where = "trial " + trial + ", charge " + k + " of " + write.amount();
      if (debit(connection, write)) {
        assertNotNull(
            attempt.written(),
            where + ": the UPDATE applied, the group refused " + attempt.refused());
        assertEquals(after(connection, write), view(attempt.written()), where);
        counts[0]++;
      } else {
        assertNull(attempt.written(), where + ": the UPDATE refused, the group wrote it");
        BillingException expected =
            Refusal.of(connection, write.accountId(), write.amount(), write.workflowRuns(), MONTH);
        assertEquals(expected.code(), attempt.refused().code(), where);
        assertEquals(expected.details(), attempt.refused().details(), where);
        assertEquals(expected.getMessage(), attempt.refused().getMessage(), where);
        counts[1]++;
      }
    }
    for (long[] twin : twins) {
      assertEquals(columns(connection, twin[1]), columns(connection, twin[0]), "trial " + trial);
    }
    return counts;
  }

  private static boolean debit(Connection connection, ChargeWrite write) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(ChargeSql.CHARGE_DEBIT)) {
      ChargeSql.bindChargeDebit(update, write, MONTH);
      return update.executeUpdate() == 1;
    }
  }

  /** What a written charge reports of its account, as the database has it after the debit. */
  private static List<Object> after(Connection connection, ChargeWrite write) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT balance, IF(fair_use_cap IS NULL, NULL, fair_use_used),"
                + " IF(workflow_quota IS NULL OR ? = 0, NULL, workflow_used),"
                + " IF(spend_limit IS NULL, NULL, spent) FROM account WHERE id = ?")) {
      select.setInt(1, write.workflowRuns());
      select.setLong(2, write.accountId());
      try (ResultSet row = select.executeQuery()) {
        row.next();
        List<Object> view = new ArrayList<>();
        view.add(row.getBigDecimal(1));
        view.add(row.getBigDecimal(2));
        view.add(row.getObject(3) == null ? null : row.getInt(3));
        view.add(row.getBigDecimal(4));
        return view;
      }
    }
  }

  private static List<Object> view(WrittenCharge written) {
    List<Object> view = new ArrayList<>();
    view.add(written.balanceAfter());
    view.add(written.fairUse() == null ? null : written.fairUse().used());
    view.add(written.limits().workflow() == null ? null : written.limits().workflow().used());
    view.add(written.limits().account() == null ? null : written.limits().account().spent());
    return view;
  }

  static List<Object> columns(Connection connection, long id) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT balance, held, fair_use_used, workflow_used, spent, spend_month FROM account"
                + " WHERE id = ?")) {
      select.setLong(1, id);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        List<Object> columns = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
          columns.add(row.getObject(i));
        }
        return columns;
      }
    }
  }

  /**
   * balance, held, credit limit (post-paid when set), cap, used, quota, workflow used, spend limit,
   * spend month, spent: small values, so that charges meet every boundary often.
   */
  static Object[] randomAccount(Random random) {
    BigDecimal creditLimit = random.nextInt(4) == 0 ? money(random, 3, 2) : null;
    return new Object[] {
      money(random, 5, 3).subtract(random.nextInt(6) == 0 ? BigDecimal.ONE : BigDecimal.ZERO),
      random.nextInt(3) == 0 ? money(random, 2, 4) : BigDecimal.ZERO.setScale(6),
      creditLimit,
      random.nextInt(3) == 0 ? money(random, 4, 2) : null,
      money(random, 4, 2),
      random.nextInt(3) == 0 ? random.nextInt(3) : null,
      random.nextInt(4),
      random.nextInt(3) == 0 ? money(random, 6, 2) : null,
      List.of(MONTH, MONTH.minusMonths(1), "none").get(random.nextInt(3)),
      money(random, 4, 2)
    };
  }

  static long open(Connection connection, Object[] state, int trial, int a, String twin)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO account (email, name, billing_mode, plan, credit_limit, balance, held,"
                + " created_at, fair_use_cap, fair_use_used, fair_use_since, workflow_quota,"
                + " workflow_used, spend_limit, spend_month, spent)"
                + " VALUES (?, 'twin', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      insert.setString(1, "twin-" + trial + "-" + a + "-" + twin + "@group.test");
      insert.setString(2, state[2] == null ? "PREPAID" : "POSTPAID");
      insert.setString(3, state[5] == null ? "FREE" : "PRO_2024");
      insert.setBigDecimal(4, (BigDecimal) state[2]);
      insert.setBigDecimal(5, (BigDecimal) state[0]);
      insert.setBigDecimal(6, (BigDecimal) state[1]);
      insert.setObject(7, NOW.atOffset(ZoneOffset.UTC).toLocalDateTime());
      insert.setBigDecimal(8, (BigDecimal) state[3]);
      insert.setBigDecimal(9, (BigDecimal) state[4]);
      insert.setObject(10, NOW.minusSeconds(86_400).atOffset(ZoneOffset.UTC).toLocalDateTime());
      insert.setObject(11, state[5]);
      insert.setInt(12, (Integer) state[6]);
      insert.setBigDecimal(13, (BigDecimal) state[7]);
      insert.setObject(14, state[8] instanceof LocalDate month ? month : null);
      insert.setBigDecimal(15, (BigDecimal) state[9]);
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  /**
   * Up to {@code whole} dollars in steps of a quarter, sometimes with micro-dollars on top; one in
   * {@code zeroOdds} is zero.
   */
  static BigDecimal money(Random random, int whole, int zeroOdds) {
    if (random.nextInt(zeroOdds * 3) == 0) {
      return BigDecimal.ZERO.setScale(6);
    }
    long micros = random.nextInt(whole * 4 + 1) * 250_000L;
    if (random.nextInt(4) == 0) {
      micros += random.nextInt(1_000_000);
    }
    return BigDecimal.valueOf(micros, 6);
  }

  private static ChargeWrite charge(long account, String request, BigDecimal amount, int runs) {
    return new ChargeWrite(
        account,
        request,
        runs == 0 ? "m" : null,
        runs == 0 ? null : "flow",
        amount,
        1000,
        "[]",
        null,
        NOW,
        List.of(new ChargeWrite.RollupDelta("m", MONTH.plusDays(13), 1000, amount, false, true)),
        "f".repeat(64),
        runs,
        null,
        ChargeWrite.Waits.NONE);
  }
}
