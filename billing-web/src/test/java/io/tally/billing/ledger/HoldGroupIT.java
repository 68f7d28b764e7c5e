package io.tally.billing.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A group of holds is decided in Java ({@link HoldGroup}) under the accounts' row locks; this
 * proves, on the build's MariaDB, that it decides exactly what {@link Holds#PLACE} does hold by
 * hold. Each trial opens twin accounts in random states (balance, holds, credit limit, fair-use cap
 * reached or not, spend limit of this month or an earlier one, many at their boundaries), places
 * random holds through {@link HoldGroup} on one twin and through the conditional UPDATE one by one
 * on the other, and compares every answer (placed or refused, the refusal's code, message and
 * details), the accounts' columns and the hold rows written. Each trial rolls back. No application
 * server: the schema is the shipped migrations, applied to a database of its own.
 */
class HoldGroupIT {

  private static final String DATABASE = "tally_hold_group";
  private static final Instant NOW = Instant.parse("2026-03-14T10:15:30.123456Z");
  private static final LocalDate MONTH = LedgerWriter.monthOf(NOW);
  private static final int TRIALS = 400;

  private static String url;

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
  void decidesEveryHoldAsTheConditionalUpdateDoes() throws SQLException {
    Random random = new Random(20261129);
    int placed = 0;
    int refused = 0;
    try (Connection connection = DriverManager.getConnection(url, "root", "")) {
      connection.setAutoCommit(false);
      for (int trial = 0; trial < TRIALS; trial++) {
        int[] counts = trial(connection, random, trial);
        placed += counts[0];
        refused += counts[1];
        connection.rollback();
      }
    }
    // Both answers are well represented, or the comparison proves little.
    assertTrue(placed > TRIALS && refused > TRIALS, placed + " placed, " + refused + " refused");
  }

  /** One trial; answers how many holds were placed and how many refused. */
  private static int[] trial(Connection connection, Random random, int trial) throws SQLException {
    int accounts = 1 + random.nextInt(4);
    List<long[]> twins = new ArrayList<>();
    List<BigDecimal> heldBefore = new ArrayList<>();
    for (int a = 0; a < accounts; a++) {
      Object[] state = randomAccount(random);
      heldBefore.add((BigDecimal) state[1]);
      twins.add(
          new long[] {
            open(connection, state, trial, a, "g"), open(connection, state, trial, a, "s")
          });
    }
    List<HoldWrite> group = new ArrayList<>();
    List<HoldWrite> single = new ArrayList<>();
    int holds = 1 + random.nextInt(12);
    for (int h = 0; h < holds; h++) {
      BigDecimal amount = money(random, 3, 4);
      if (random.nextInt(20) == 0) {
        // An account that does not exist: refused on its own, the others go on.
        group.add(hold(999_999_000L + h, amount));
        single.add(hold(999_999_000L + h, amount));
        continue;
      }
      long[] twin = twins.get(random.nextInt(accounts));
      group.add(hold(twin[0], amount));
      single.add(hold(twin[1], amount));
    }
    // The group's order is HoldCommit's (by account, stable); the single holds follow it.
    group.sort(Comparator.comparingLong(HoldWrite::accountId));
    single.sort(Comparator.comparingLong(HoldWrite::accountId));

    List<HoldAttempt> attempts = HoldGroup.write(connection, group, MONTH);

    int[] counts = new int[2];
    for (int k = 0; k < single.size(); k++) {
      HoldWrite write = single.get(k);
      HoldAttempt attempt = attempts.get(k);
      String where = "trial " + trial + ", hold " + k + " of " + write.amount();
      if (Holds.raise(connection, write.accountId(), write.amount(), MONTH)) {
        assertNotNull(
            attempt.id(), where + ": the UPDATE applied, the group refused " + attempt.refused());
        assertEquals(
            List.of(group.get(k).accountId(), write.amount()), holdRow(connection, attempt.id()));
        counts[0]++;
      } else {
        assertNull(attempt.id(), where + ": the UPDATE refused, the group placed it");
        BillingException expected =
            Refusal.of(connection, write.accountId(), write.amount(), MONTH);
        assertEquals(expected.code(), attempt.refused().code(), where);
        assertEquals(expected.details(), attempt.refused().details(), where);
        assertEquals(expected.getMessage(), attempt.refused().getMessage(), where);
        counts[1]++;
      }
    }
    for (int a = 0; a < accounts; a++) {
      long[] twin = twins.get(a);
      assertEquals(columns(connection, twin[1]), columns(connection, twin[0]), "trial " + trial);
      assertEquals(
          0,
          heldBefore
              .get(a)
              .add(openHolds(connection, twin[0]))
              .compareTo(held(connection, twin[0])),
          "trial " + trial + ": held is what it was plus the group's hold rows");
    }
    return counts;
  }

  private static List<Object> holdRow(Connection connection, long id) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT account_id, amount FROM authorization_hold WHERE id = ? AND status = 'OPEN'"
                + " AND created_at = ? AND expires_at = ?")) {
      select.setLong(1, id);
      select.setObject(2, NOW.atOffset(ZoneOffset.UTC).toLocalDateTime());
      select.setObject(3, NOW.plusSeconds(900).atOffset(ZoneOffset.UTC).toLocalDateTime());
      try (ResultSet row = select.executeQuery()) {
        assertTrue(row.next(), "no open hold " + id);
        return List.of(row.getLong(1), row.getBigDecimal(2));
      }
    }
  }

  private static BigDecimal held(Connection connection, long id) throws SQLException {
    return decimal(connection, "SELECT held FROM account WHERE id = ?", id);
  }

  private static BigDecimal openHolds(Connection connection, long id) throws SQLException {
    return decimal(
        connection,
        "SELECT COALESCE(SUM(amount), 0) FROM authorization_hold WHERE account_id = ?",
        id);
  }

  private static BigDecimal decimal(Connection connection, String sql, long id)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setLong(1, id);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getBigDecimal(1);
      }
    }
  }

  private static List<Object> columns(Connection connection, long id) throws SQLException {
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
   * balance, held, credit limit (post-paid when set), cap, used, spend limit, spend month, spent:
   * small values, so that holds meet every boundary often.
   */
  private static Object[] randomAccount(Random random) {
    BigDecimal creditLimit = random.nextInt(4) == 0 ? money(random, 3, 2) : null;
    return new Object[] {
      money(random, 5, 3).subtract(random.nextInt(6) == 0 ? BigDecimal.ONE : BigDecimal.ZERO),
      random.nextInt(3) == 0 ? money(random, 2, 4) : BigDecimal.ZERO.setScale(6),
      creditLimit,
      random.nextInt(3) == 0 ? money(random, 4, 2) : null,
      money(random, 4, 2),
      random.nextInt(3) == 0 ? money(random, 6, 2) : null,
      List.of(MONTH, MONTH.minusMonths(1), "none").get(random.nextInt(3)),
      money(random, 4, 2)
    };
  }

  private static long open(Connection connection, Object[] state, int trial, int a, String twin)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO account (email, name, billing_mode, plan, credit_limit, balance, held,"
                + " created_at, fair_use_cap, fair_use_used, fair_use_since, spend_limit,"
                + " spend_month, spent) VALUES (?, 'twin', ?, 'FREE', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      insert.setString(1, "hold-twin-" + trial + "-" + a + "-" + twin + "@group.test");
      insert.setString(2, state[2] == null ? "PREPAID" : "POSTPAID");
      insert.setBigDecimal(3, (BigDecimal) state[2]);
      insert.setBigDecimal(4, (BigDecimal) state[0]);
      insert.setBigDecimal(5, (BigDecimal) state[1]);
      insert.setObject(6, NOW.atOffset(ZoneOffset.UTC).toLocalDateTime());
      insert.setBigDecimal(7, (BigDecimal) state[3]);
      insert.setBigDecimal(8, (BigDecimal) state[4]);
      insert.setObject(9, NOW.minusSeconds(86_400).atOffset(ZoneOffset.UTC).toLocalDateTime());
      insert.setBigDecimal(10, (BigDecimal) state[5]);
      insert.setObject(11, state[6] instanceof LocalDate month ? month : null);
      insert.setBigDecimal(12, (BigDecimal) state[7]);
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  /**
   * Up to {@code whole} dollars in steps of a quarter, sometimes with micro-dollars on top; one in
   * {@code zeroOdds * 3} is zero.
   */
  private static BigDecimal money(Random random, int whole, int zeroOdds) {
    if (random.nextInt(zeroOdds * 3) == 0) {
      return BigDecimal.ZERO.setScale(6);
    }
    long micros = random.nextInt(whole * 4 + 1) * 250_000L;
    if (random.nextInt(4) == 0) {
      micros += random.nextInt(1_000_000);
    }
    return BigDecimal.valueOf(micros, 6);
  }

  private static HoldWrite hold(long account, BigDecimal amount) {
    return new HoldWrite(account, "m", amount, NOW, NOW.plusSeconds(900));
  }
}
