package io.tally.billing.ledger;

import io.tally.billing.platform.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Several charges written in one transaction with a fixed handful of statements, however many
 * charges and accounts the group holds: one locking read of its accounts, one UPDATE of them, then
 * one multi-row INSERT each for the charges, their ledger entries, the usage rollups and the speed
 * rows.
 *
 * <p>The accounts are locked first ({@code SELECT … FOR UPDATE}, in id order, so concurrent groups
 * and single charges never wait for each other in a cycle). With their rows locked, {@link
 * GroupDebit} decides in Java, charge by charge in the group's order, exactly what {@link
 * ChargeSql#CHARGE_DEBIT} would have decided; the UPDATE then takes each account's accepted sum and
 * its WHERE clause still refuses a sum that would take an account below its floor or past its spend
 * limit, so the database guards the money even here.
 *
 * <p>Why not JDBC batches: Connector/J 3.5 sends a batch of UPDATEs, and of INSERTs that return
 * generated keys, as one statement per row (pipelined, but parsed and executed one by one); only
 * INSERTs without keys go as one bulk command. A multi-row INSERT answers only its first id, and
 * ids need not be consecutive (auto-increment lock mode, increment), so the charges' ids come back
 * through {@code RETURNING}.
 */
final class ChargeGroup {

  private static final int CHARGE_COLUMNS = 15;
  private static final int ENTRY_COLUMNS = 8;

  private final List<ChargeWrite> writes;
  private final Instant now;
  private final LocalDate month;
  private final ChargeAttempt[] attempts;

  /** Each written charge's account after it (id not known yet); null for a refused one. */
  private final WrittenCharge[] afters;

  private ChargeGroup(List<ChargeWrite> writes, Instant now) {
    this.writes = writes;
    this.now = now;
    this.month = LedgerWriter.monthOf(now);
    this.attempts = new ChargeAttempt[writes.size()];
    this.afters = new WrittenCharge[writes.size()];
  }

  /**
   * Charges against an authorization are not grouped: they settle a hold first. Nor are charges
   * that spend from a key: a key's refusal must undo its account's debit alone.
   */
  static List<ChargeAttempt> write(Connection connection, List<ChargeWrite> writes, Instant now)
      throws SQLException {
    if (writes.stream().anyMatch(write -> write.authorizationId() != null)) {
      throw new IllegalArgumentException("a charge against an authorization is not grouped");
    }
    if (writes.stream().anyMatch(write -> write.apiKeyId() != null)) {
      throw new IllegalArgumentException("a charge that spends from a key is not grouped");
    }
    if (writes.isEmpty()) {
      return List.of();
    }
    ChargeGroup group = new ChargeGroup(writes, now);
    SortedMap<Long, GroupDebit> accounts = group.lock(connection);
    group.decide(accounts);
    group.debit(connection, accounts);
    group.record(connection);
    return Arrays.asList(group.attempts);
  }

  /** Reads the group's accounts under their row locks, taken in id order. */
  private SortedMap<Long, GroupDebit> lock(Connection connection) throws SQLException {
    List<Long> ids =
        new ArrayList<>(new TreeSet<>(writes.stream().map(ChargeWrite::accountId).toList()));
    SortedMap<Long, GroupDebit> accounts = new TreeMap<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT id, "
                + Refusal.COLUMNS
                + ", fair_use_since FROM account WHERE id IN ("
                + marks(ids.size())
                + ") ORDER BY id FOR UPDATE")) {
      for (int i = 0; i < ids.size(); i++) {
        select.setLong(i + 1, ids.get(i));
      }
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          // The period's start is kept only on plans with a fair-use cap or a workflow quota.
          LocalDateTime since = row.getObject(2 + Refusal.COLUMN_COUNT, LocalDateTime.class);
          accounts.put(
              row.getLong(1),
              new GroupDebit(
                  Refusal.Snapshot.read(row, 2, month),
                  since == null ? null : Database.instant(since),
                  month));
        }
      }
    }
    return accounts;
  }

  /** Each charge against what the charges before it left its account, in the group's order. */
  private void decide(Map<Long, GroupDebit> accounts) {
    for (int k = 0; k < writes.size(); k++) {
      ChargeWrite write = writes.get(k);
      GroupDebit account = accounts.get(write.accountId());
      if (account == null) {
        attempts[k] = ChargeAttempt.refused(Refusal.notFound(write.accountId()));
      } else if (account.fits(write)) {
        afters[k] = account.apply(write);
      } else {
        attempts[k] = ChargeAttempt.refused(account.refusal(write));
      }
    }
  }

  /**
   * One UPDATE of every account the group debits, by its accepted sum. Its WHERE clause is the
   * sum's own floor and spend limit: when each charge fitted, the sum fits (the last one checked
   * the account as all of them leave it), so a mismatch here can only be a fault, and it rolls
   * back.
   */
  private void debit(Connection connection, SortedMap<Long, GroupDebit> accounts)
      throws SQLException {
    List<Map.Entry<Long, GroupDebit>> debited =
        accounts.entrySet().stream().filter(entry -> entry.getValue().debits()).toList();
    if (debited.isEmpty()) {
      return;
    }
    String sums = " CASE id" + " WHEN ? THEN ?".repeat(debited.size()) + " END";
    String sql =
        "UPDATE account SET balance = balance -"
            + sums
            + ", fair_use_used = fair_use_used + IF(fair_use_cap IS NULL, 0,"
            + sums
            + "), workflow_used = workflow_used + IF(workflow_quota IS NULL, 0,"
            + sums
            + "), spent = IF(spend_month = ?, spent, 0) +"
            + sums
            + ", spend_month = ? WHERE id IN ("
            + marks(debited.size())
            + ") AND balance - held + COALESCE(credit_limit, 0) >="
            + sums
            + " AND (spend_limit IS NULL OR IF(spend_month = ?, spent, 0) + held +"
            + sums
            + " <= spend_limit)";
    try (PreparedStatement update = connection.prepareStatement(sql)) {
      Binder bind = new Binder(update);
      bind.sums(debited, false);
      bind.sums(debited, false);
      bind.sums(debited, true);
      bind.month(month);
      bind.sums(debited, false);
      bind.month(month);
      for (Map.Entry<Long, GroupDebit> entry : debited) {
        update.setLong(bind.next++, entry.getKey());
      }
      bind.sums(debited, false);
      bind.month(month);
      bind.sums(debited, false);
      int matched = update.executeUpdate();
      if (matched != debited.size()) {
        throw new IllegalStateException(
            "the group's debit of " + debited.size() + " accounts matched " + matched);
      }
    }
  }

  /** Binds parameters in order. */
  private static final class Binder {
    private final PreparedStatement statement;
    int next = 1;

    Binder(PreparedStatement statement) {
      this.statement = statement;
    }

    /** {@code WHEN id THEN sum} for each account: its debited amount, or its workflow runs. */
    void sums(List<Map.Entry<Long, GroupDebit>> debited, boolean runs) throws SQLException {
      for (Map.Entry<Long, GroupDebit> entry : debited) {
        statement.setLong(next++, entry.getKey());
        if (runs) {
          statement.setInt(next++, entry.getValue().runs());
        } else {
          statement.setBigDecimal(next++, entry.getValue().debited());
        }
      }
    }

    void month(LocalDate month) throws SQLException {
      statement.setDate(next++, java.sql.Date.valueOf(month));
    }
  }

  private void record(Connection connection) throws SQLException {
    List<Integer> written = new ArrayList<>();
    for (int k = 0; k < writes.size(); k++) {
      if (afters[k] != null) {
        written.add(k);
      }
    }
    if (written.isEmpty()) {
      return;
    }
    Map<ChargeKey, Long> ids = insertCharges(connection, written);
    for (int k : written) {
      ChargeWrite write = writes.get(k);
      Long id = ids.get(new ChargeKey(write.accountId(), write.requestId()));
      if (id == null) {
        throw new IllegalStateException("no id came back for request " + write.requestId());
      }
      attempts[k] =
          ChargeAttempt.written(
              new WrittenCharge(
                  id, afters[k].balanceAfter(), now, afters[k].fairUse(), afters[k].limits()));
    }
    insertEntries(connection, written);
    List<ChargeWrite> charged = written.stream().map(writes::get).toList();
    UsageRollups.add(connection, charged);
    SpeedRollup.add(connection, charged);
  }

  private record ChargeKey(long accountId, String requestId) {}

  /** One INSERT of every written charge; a requestId seen before surfaces on its unique key. */
  private Map<ChargeKey, Long> insertCharges(Connection connection, List<Integer> written)
      throws SQLException {
    Map<ChargeKey, Long> ids = new HashMap<>();
    try (PreparedStatement insert =
        connection.prepareStatement(
            ChargeSql.CHARGE_INTO
                + ChargeSql.rows(CHARGE_COLUMNS, written.size())
                + " RETURNING account_id, request_id, id")) {
      int row = 0;
      for (int k : written) {
        ChargeSql.bindCharge(
            insert, row++ * CHARGE_COLUMNS, writes.get(k), afters[k].balanceAfter(), now);
      }
      try (ResultSet keys = insert.executeQuery()) {
        while (keys.next()) {
          ids.put(new ChargeKey(keys.getLong(1), keys.getString(2)), keys.getLong(3));
        }
      }
    } catch (SQLException e) {
      throw duplicate(e);
    }
    return ids;
  }

  private void insertEntries(Connection connection, List<Integer> written) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            ChargeSql.ENTRY_INTO + ChargeSql.rows(ENTRY_COLUMNS, written.size()))) {
      int row = 0;
      for (int k : written) {
        ChargeWrite write = writes.get(k);
        ChargeSql.bindEntry(
            insert,
            row++ * ENTRY_COLUMNS,
            ChargeSql.usagePosting(write),
            afters[k].balanceAfter(),
            now);
      }
      insert.executeUpdate();
    } catch (SQLException e) {
      throw duplicate(e);
    }
  }

  /** A duplicate key means a charge of the group was seen before. */
  private static SQLException duplicate(SQLException e) {
    if (Database.isDuplicateKey(e)) {
      throw new DuplicateEntry("a charge of the group");
    }
    return e;
  }

  private static String marks(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
  }
}
