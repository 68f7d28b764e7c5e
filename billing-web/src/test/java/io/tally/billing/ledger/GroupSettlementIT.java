package io.tally.billing.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.ErrorCode;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Charges that settle holds and spend from keys, decided in Java by a group ({@link GroupHolds},
 * {@link GroupDebit}, {@link GroupKeys}), against the single path's own statements one charge at a
 * time ({@link Holds#settle}, {@link ChargeSql#SETTLE_DEBIT} or {@link ChargeSql#CHARGE_DEBIT},
 * {@link LimitSql#debitKey}, each charge under a savepoint that a refusal rolls back, as its own
 * transaction would be). Twin accounts in random states each get twin holds (open, settled or
 * expired) and twin keys (with a limit of this month, an earlier one, or none); random charges name
 * a hold of their account, of another account or none at all, and a key of their account, of
 * another or none, often the same hold or key twice. Every answer (written or refused, the account
 * and key after it, the refusal's code, details and message) and every final column of the
 * accounts, holds and keys must agree. Each trial rolls back.
 */
class GroupSettlementIT {

  private static final Instant NOW = Instant.parse("2026-03-14T10:15:30.123456Z");
  private static final LocalDate MONTH = LedgerWriter.monthOf(NOW);
  private static final int TRIALS = 400;

  @BeforeAll
  static void migrate() throws SQLException {
    GroupDebitIT.migrate();
  }

  /** One side of a twin: its accounts, each account's holds and keys. */
  private record Side(List<Long> accounts, List<List<Long>> holds, List<List<Long>> keys) {}

  private enum Answer {
    WRITTEN,
    SETTLED,
    REFUSED,
    KEY_REFUSED
  }

  @Test
  void decidesSettlementsAndKeySpendsAsTheSinglePathDoes() throws SQLException {
    Random random = new Random(20261130);
    Map<Answer, Integer> seen = new EnumMap<>(Answer.class);
    try (Connection connection = DriverManager.getConnection(GroupDebitIT.url, "root", "")) {
      connection.setAutoCommit(false);
      for (int trial = 0; trial < TRIALS; trial++) {
        trial(connection, random, trial, seen);
        connection.rollback();
      }
    }
    // Each kind of answer is well represented, or the comparison proves little.
    for (Answer answer : Answer.values()) {
      assertTrue(seen.getOrDefault(answer, 0) > TRIALS / 4, seen.toString());
    }
  }

  private static void trial(
      Connection connection, Random random, int trial, Map<Answer, Integer> seen)
      throws SQLException {
    int accounts = 1 + random.nextInt(3);
    Side group = new Side(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    Side single = new Side(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (int a = 0; a < accounts; a++) {
      Object[] state = GroupDebitIT.randomAccount(random);
      group.accounts().add(GroupDebitIT.open(connection, state, trial, a, "settle-g"));
      single.accounts().add(GroupDebitIT.open(connection, state, trial, a, "settle-s"));
      group.holds().add(new ArrayList<>());
      single.holds().add(new ArrayList<>());
      for (int h = random.nextInt(4); h > 0; h--) {
        BigDecimal amount = GroupDebitIT.money(random, 2, 4);
        String status =
            List.of("OPEN", "OPEN", "OPEN", "SETTLED", "EXPIRED").get(random.nextInt(5));
        group.holds().get(a).add(hold(connection, group.accounts().get(a), amount, status));
        single.holds().get(a).add(hold(connection, single.accounts().get(a), amount, status));
      }
      group.keys().add(new ArrayList<>());
      single.keys().add(new ArrayList<>());
      for (int k = 1 + random.nextInt(2); k > 0; k--) {
        Object[] key = randomKey(random);
        group.keys().get(a).add(key(connection, group.accounts().get(a), key));
        single.keys().get(a).add(key(connection, single.accounts().get(a), key));
      }
    }
    List<ChargeWrite[]> charges = new ArrayList<>();
    for (int c = 1 + random.nextInt(14); c > 0; c--) {
      int a = random.nextInt(accounts);
      int other = random.nextInt(accounts);
      BigDecimal amount = GroupDebitIT.money(random, 3, 4);
      int runs = random.nextInt(4) == 0 ? 1 : 0;
      String request = "settle-" + trial + "-" + c;
      int holdPick = random.nextInt(20);
      int keyPick = random.nextInt(20);
      ChargeWrite[] twin = new ChargeWrite[2];
      for (int side = 0; side < 2; side++) {
        Side s = side == 0 ? group : single;
        Long hold =
            holdPick < 10
                ? pick(s.holds().get(a), holdPick)
                : holdPick < 12 ? pick(s.holds().get(other), holdPick) : null;
        Long key =
            keyPick < 10
                ? pick(s.keys().get(a), keyPick)
                : keyPick < 11 ? pick(s.keys().get(other), keyPick) : null;
        if (holdPick == 12) {
          hold = 999_999_000L + c; // no such hold
        }
        twin[side] = charge(s.accounts().get(a), request, amount, runs, hold, key);
      }
      charges.add(twin);
    }
    // The group's order is the caller's (by account); the single charges follow it.
    charges.sort((x, y) -> Integer.compare(index(group, x[0]), index(group, y[0])));

    List<ChargeAttempt> attempts =
        ChargeGroup.write(connection, charges.stream().map(twin -> twin[0]).toList(), NOW);

    for (int k = 0; k < charges.size(); k++) {
      ChargeWrite write = charges.get(k)[1];
      ChargeAttempt attempt = attempts.get(k);
      String where = "trial " + trial + ", charge " + k + ": " + write;
      Savepoint before = connection.setSavepoint();
      try {
        boolean settles = singlePath(connection, write);
        assertNotNull(attempt.written(), where + ": written alone, the group refused it");
        assertEquals(after(connection, write), view(attempt.written()), where);
        seen.merge(settles ? Answer.SETTLED : Answer.WRITTEN, 1, Integer::sum);
      } catch (BillingException expected) {
        connection.rollback(before);
        assertNull(
            attempt.written(), where + ": refused alone (" + expected + "), not in the group");
        assertEquals(expected.code(), attempt.refused().code(), where);
        assertEquals(expected.details(), attempt.refused().details(), where);
        // A 404 names the hold or key, whose ids differ between the twins.
        ChargeWrite twin = charges.get(k)[0];
        String message =
            switch (expected.code()) {
              case AUTHORIZATION_NOT_FOUND -> {
                assertEquals(
                    Holds.notFound(write.authorizationId()).getMessage(), expected.getMessage());
                yield Holds.notFound(twin.authorizationId()).getMessage();
              }
              case API_KEY_NOT_FOUND -> {
                assertEquals(LimitSql.keyNotFound(write).getMessage(), expected.getMessage());
                yield LimitSql.keyNotFound(twin).getMessage();
              }
              default -> expected.getMessage();
            };
        assertEquals(message, attempt.refused().getMessage(), where);
        boolean byKey =
            expected.code() == ErrorCode.SPEND_LIMIT_REACHED
                && "key".equals(expected.details().get("scope"));
        seen.merge(byKey ? Answer.KEY_REFUSED : Answer.REFUSED, 1, Integer::sum);
      }
    }
    for (int a = 0; a < accounts; a++) {
      String where = "trial " + trial + ", account " + a;
      assertEquals(
          GroupDebitIT.columns(connection, single.accounts().get(a)),
          GroupDebitIT.columns(connection, group.accounts().get(a)),
          where);
      assertEquals(
          rows(connection, "SELECT status FROM authorization_hold", single.holds().get(a)),
          rows(connection, "SELECT status FROM authorization_hold", group.holds().get(a)),
          where);
      String keys = "SELECT CONCAT(spent, ' ', COALESCE(spend_month, '-')) FROM api_key";
      assertEquals(
          rows(connection, keys, single.keys().get(a)),
          rows(connection, keys, group.keys().get(a)),
          where);
    }
  }

  /**
   * {@link LedgerWriter#charge}'s statements up to its records: answers whether it settled its
   * hold, or throws its refusal (read, as there, before the rollback).
   */
  private static boolean singlePath(Connection connection, ChargeWrite write) throws SQLException {
    boolean settles =
        write.authorizationId() != null
            && Holds.settle(connection, write.accountId(), write.authorizationId(), NOW);
    try (PreparedStatement update =
        connection.prepareStatement(settles ? ChargeSql.SETTLE_DEBIT : ChargeSql.CHARGE_DEBIT)) {
      if (settles) {
        ChargeSql.bindSettleDebit(update, write, MONTH);
      } else {
        ChargeSql.bindChargeDebit(update, write, MONTH);
      }
      if (update.executeUpdate() != 1) {
        throw Refusal.of(
            connection, write.accountId(), write.amount(), write.workflowRuns(), MONTH);
      }
    }
    if (write.apiKeyId() != null) {
      LimitSql.debitKey(connection, write, MONTH, settles);
    }
    return settles;
  }

  /** What a written charge reports, as the database has it after the single path's debits. */
  private static List<Object> after(Connection connection, ChargeWrite write) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT a.balance, IF(a.fair_use_cap IS NULL, NULL, a.fair_use_used),"
                + " IF(a.workflow_quota IS NULL OR ? = 0, NULL, a.workflow_used),"
                + " IF(a.spend_limit IS NULL, NULL, a.spent),"
                + " IF(k.spend_limit IS NULL, NULL, k.spent)"
                + " FROM account a LEFT JOIN api_key k ON k.id = ? WHERE a.id = ?")) {
      select.setInt(1, write.workflowRuns());
      select.setObject(2, write.apiKeyId());
      select.setLong(3, write.accountId());
      try (ResultSet row = select.executeQuery()) {
        row.next();
        List<Object> view = new ArrayList<>();
        view.add(row.getBigDecimal(1));
        view.add(row.getBigDecimal(2));
        view.add(row.getObject(3) == null ? null : row.getInt(3));
        view.add(row.getBigDecimal(4));
        view.add(row.getBigDecimal(5));
        return view;
      }
    }
  }

  private static List<Object> view(WrittenCharge written) {
    WrittenCharge.Limits limits = written.limits();
    List<Object> view = new ArrayList<>();
    view.add(written.balanceAfter());
    view.add(written.fairUse() == null ? null : written.fairUse().used());
    view.add(limits.workflow() == null ? null : limits.workflow().used());
    view.add(limits.account() == null ? null : limits.account().spent());
    view.add(limits.key() == null ? null : limits.key().spent());
    return view;
  }

  /** One column of the rows with these ids, in id order. */
  private static List<String> rows(Connection connection, String select, List<Long> ids)
      throws SQLException {
    List<String> values = new ArrayList<>();
    for (long id : ids) {
      try (PreparedStatement statement = connection.prepareStatement(select + " WHERE id = ?")) {
        statement.setLong(1, id);
        try (ResultSet row = statement.executeQuery()) {
          row.next();
          values.add(row.getString(1));
        }
      }
    }
    return values;
  }

  private static Long pick(List<Long> ids, int seed) {
    return ids.isEmpty() ? null : ids.get(seed % ids.size());
  }

  private static int index(Side side, ChargeWrite write) {
    return side.accounts().indexOf(write.accountId());
  }

  /** An open hold raises its account's held, as placing it did. */
  private static long hold(Connection connection, long account, BigDecimal amount, String status)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO authorization_hold (account_id, model_id, amount, status, expires_at,"
                + " created_at) VALUES (?, 'm', ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      insert.setLong(1, account);
      insert.setBigDecimal(2, amount);
      insert.setString(3, status);
      insert.setObject(4, NOW.plusSeconds(600).atOffset(ZoneOffset.UTC).toLocalDateTime());
      insert.setObject(5, NOW.atOffset(ZoneOffset.UTC).toLocalDateTime());
      insert.executeUpdate();
      if ("OPEN".equals(status)) {
        try (PreparedStatement update =
            connection.prepareStatement("UPDATE account SET held = held + ? WHERE id = ?")) {
          update.setBigDecimal(1, amount);
          update.setLong(2, account);
          update.executeUpdate();
        }
      }
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  /** A key's limit (or none), spend month (this one, an earlier one, or none) and spent. */
  private static Object[] randomKey(Random random) {
    return new Object[] {
      random.nextInt(3) == 0 ? null : GroupDebitIT.money(random, 3, 2),
      List.of(MONTH, MONTH.minusMonths(1), "none").get(random.nextInt(3)),
      GroupDebitIT.money(random, 3, 2)
    };
  }

  private static long key(Connection connection, long account, Object[] key) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO api_key (account_id, digest, prefix, created_at, spend_limit,"
                + " spend_month, spent) VALUES (?, RANDOM_BYTES(32), 'tk_twin', ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      insert.setLong(1, account);
      insert.setObject(2, NOW.atOffset(ZoneOffset.UTC).toLocalDateTime());
      insert.setBigDecimal(3, (BigDecimal) key[0]);
      insert.setObject(4, key[1] instanceof LocalDate month ? month : null);
      insert.setBigDecimal(5, (BigDecimal) key[2]);
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  private static ChargeWrite charge(
      long account, String request, BigDecimal amount, int runs, Long hold, Long key) {
    return new ChargeWrite(
        account,
        request,
        runs == 0 ? "m" : null,
        runs == 0 ? null : "flow",
        amount,
        1000,
        "[]",
        hold,
        NOW,
        List.of(new ChargeWrite.RollupDelta("m", MONTH.plusDays(13), 1000, amount, false, true)),
        "f".repeat(64),
        runs,
        key,
        ChargeWrite.Waits.NONE);
  }
}
