package io.tally.billing.ledger;

import io.tally.billing.platform.Database;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Many meter readings ({@link MeteredDebit}) debited in the caller's transaction with a fixed
 * handful of statements: the accounts are locked once ({@code SELECT … FOR UPDATE}, in id order),
 * each reading is debited in Java in the caller's order (unguarded, as {@link MeteredWriter} debits
 * one: the time was used), and {@link #write} then sends one UPDATE of the accounts, one multi-row
 * INSERT of the ledger entries (each with the balance right after it) and one of the rollups. The
 * caller decides between readings whether an account can still pay ({@link #canPay}), from the same
 * locked rows.
 */
public final class MeteredBatch {

  private static final int ENTRY_COLUMNS = 8;

  private final Instant now;
  private final SortedMap<Long, Account> accounts;
  private final List<Posting> postings = new ArrayList<>();
  private final List<BigDecimal> balances = new ArrayList<>();
  private final Map<List<Object>, BigDecimal[]> rollups = new LinkedHashMap<>();

  /** What the batch knows of an account: its balance now, and what it may spend beyond it. */
  private static final class Account {
    BigDecimal balance;
    final BigDecimal beyond;
    BigDecimal debited = BigDecimal.ZERO;

    Account(BigDecimal balance, BigDecimal beyond) {
      this.balance = balance;
      this.beyond = beyond;
    }
  }

  private MeteredBatch(Instant now, SortedMap<Long, Account> accounts) {
    this.now = now;
    this.accounts = accounts;
  }

  /** Locks the accounts, in id order; entries are written at {@code now}. */
  public static MeteredBatch lock(Connection connection, Collection<Long> accountIds, Instant now)
      throws SQLException {
    List<Long> ids = new ArrayList<>(new TreeSet<>(accountIds));
    SortedMap<Long, Account> accounts = new TreeMap<>();
    if (!ids.isEmpty()) {
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT id, balance, COALESCE(credit_limit, 0) - held FROM account WHERE id IN ("
                  + String.join(", ", Collections.nCopies(ids.size(), "?"))
                  + ") ORDER BY id FOR UPDATE")) {
        for (int i = 0; i < ids.size(); i++) {
          select.setLong(i + 1, ids.get(i));
        }
        try (ResultSet row = select.executeQuery()) {
          while (row.next()) {
            accounts.put(row.getLong(1), new Account(row.getBigDecimal(2), row.getBigDecimal(3)));
          }
        }
      }
    }
    return new MeteredBatch(now, accounts);
  }

  /**
   * Debits one reading; answers the balance after it, or empty when it cost nothing (no entry for a
   * zero amount, only the rollup's time), as {@link MeteredWriter#debit} does.
   */
  public Optional<BigDecimal> debit(MeteredDebit debit) {
    BigDecimal[] sums =
        rollups.computeIfAbsent(
            List.of(debit.accountId(), debit.day(), debit.model()),
            key -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
    sums[0] = sums[0].add(BigDecimal.valueOf(debit.firstReading() ? 1 : 0));
    sums[1] = sums[1].add(BigDecimal.valueOf(debit.durationMs()));
    sums[2] = sums[2].add(debit.amount());
    if (debit.amount().signum() <= 0) {
      return Optional.empty();
    }
    Account account = accounts.get(debit.accountId());
    if (account == null) {
      throw new IllegalStateException("account " + debit.accountId() + " was not locked");
    }
    account.balance = account.balance.subtract(debit.amount());
    account.debited = account.debited.add(debit.amount());
    postings.add(
        new Posting(
            debit.accountId(),
            debit.amount().negate(),
            EntryKind.FINE_TUNE,
            debit.reference(),
            debit.idempotencyKey(),
            "meter",
            Posting.Guard.NONE));
    balances.add(account.balance);
    return Optional.of(account.balance);
  }

  /**
   * Whether the account has anything left to spend: balance less holds plus its credit limit above
   * zero (money held for authorized calls is theirs).
   */
  public boolean canPay(long accountId) {
    Account account = accounts.get(accountId);
    return account.balance.add(account.beyond).signum() > 0;
  }

  /** Writes what was debited: one UPDATE, the entries and the rollups, one statement each. */
  public void write(Connection connection) throws SQLException {
    debitAccounts(connection);
    insertEntries(connection);
    insertRollups(connection);
  }

  private void debitAccounts(Connection connection) throws SQLException {
    List<Map.Entry<Long, Account>> debited =
        accounts.entrySet().stream().filter(e -> e.getValue().debited.signum() > 0).toList();
    if (debited.isEmpty()) {
      return;
    }
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE account SET balance = balance - CASE id"
                + " WHEN ? THEN ?".repeat(debited.size())
                + " END WHERE id IN ("
                + String.join(", ", Collections.nCopies(debited.size(), "?"))
                + ")")) {
      int next = 1;
      for (Map.Entry<Long, Account> entry : debited) {
        update.setLong(next++, entry.getKey());
        update.setBigDecimal(next++, entry.getValue().debited);
      }
      for (Map.Entry<Long, Account> entry : debited) {
        update.setLong(next++, entry.getKey());
      }
      if (update.executeUpdate() != debited.size()) {
        throw new IllegalStateException("the meter's debit missed an account it had locked");
      }
    }
  }

  private void insertEntries(Connection connection) throws SQLException {
    if (postings.isEmpty()) {
      return;
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            ChargeSql.ENTRY_INTO + ChargeSql.rows(ENTRY_COLUMNS, postings.size()))) {
      for (int k = 0; k < postings.size(); k++) {
        ChargeSql.bindEntry(insert, k * ENTRY_COLUMNS, postings.get(k), balances.get(k), now);
      }
      insert.executeUpdate();
    } catch (SQLException e) {
      if (Database.isDuplicateKey(e)) {
        throw new DuplicateEntry("a reading of the meter's batch");
      }
      throw e;
    }
  }

  private void insertRollups(Connection connection) throws SQLException {
    if (rollups.isEmpty()) {
      return;
    }
    try (PreparedStatement upsert =
        connection.prepareStatement(
            "INSERT INTO usage_rollup (account_id, day, model_id, calls, total_duration_ms,"
                + " amount) VALUES "
                + ChargeSql.rows(6, rollups.size())
                + " ON DUPLICATE KEY UPDATE calls = calls + VALUES(calls),"
                + " total_duration_ms = total_duration_ms + VALUES(total_duration_ms),"
                + " amount = amount + VALUES(amount)")) {
      int next = 1;
      for (Map.Entry<List<Object>, BigDecimal[]> rollup : rollups.entrySet()) {
        upsert.setLong(next++, (Long) rollup.getKey().get(0));
        upsert.setObject(next++, (LocalDate) rollup.getKey().get(1));
        upsert.setString(next++, (String) rollup.getKey().get(2));
        upsert.setLong(next++, rollup.getValue()[0].longValueExact());
        upsert.setLong(next++, rollup.getValue()[1].longValueExact());
        upsert.setBigDecimal(next++, rollup.getValue()[2]);
      }
      upsert.executeUpdate();
    }
  }
}
