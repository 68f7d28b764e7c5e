package io.tally.billing.ledger;

import io.tally.billing.platform.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The accounts of a group: locked once ({@code SELECT … FOR UPDATE}, in id order, after the holds
 * the group settles and before the keys it spends from), each decided in Java by its {@link
 * GroupDebit}, and written by one UPDATE of every account the group debits. The UPDATE's WHERE is
 * each account's sum against its floor ({@code balance - held}, with the holds the group releases,
 * plus the credit limit) and, unless a charge of the group settled a hold on it, its spend limit:
 * when each charge fitted, the sum fits (the last one checked the account as all of them leave it),
 * so a mismatch can only be a fault, and it rolls back. A settled charge is not refused by the
 * spend limit (the work was done), so an account with one may end past it.
 */
final class GroupAccounts {

  private final SortedMap<Long, GroupDebit> accounts;
  private final LocalDate month;

  private GroupAccounts(SortedMap<Long, GroupDebit> accounts, LocalDate month) {
    this.accounts = accounts;
    this.month = month;
  }

  /** Reads the group's accounts under their row locks, taken in id order. */
  static GroupAccounts lock(Connection connection, List<ChargeWrite> writes, LocalDate month)
      throws SQLException {
    List<Long> ids =
        new ArrayList<>(new TreeSet<>(writes.stream().map(ChargeWrite::accountId).toList()));
    SortedMap<Long, GroupDebit> accounts = new TreeMap<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT id, "
                + Refusal.COLUMNS
                + ", fair_use_since FROM account WHERE id IN ("
                + ChargeSql.marks(ids.size())
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
    return new GroupAccounts(accounts, month);
  }

  /** The account's debit, or null when there is no such account. */
  GroupDebit get(long accountId) {
    return accounts.get(accountId);
  }

  /** One UPDATE of every account the group debits, by its accepted sum. */
  void write(Connection connection) throws SQLException {
    List<Map.Entry<Long, GroupDebit>> debited =
        accounts.entrySet().stream().filter(entry -> entry.getValue().debits()).toList();
    if (debited.isEmpty()) {
      return;
    }
    // Only a group that settles holds has the release terms: plain groups keep the short UPDATE.
    boolean releases = debited.stream().anyMatch(entry -> entry.getValue().settles());
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
            + ", spend_month = ?"
            + (releases ? ", held = held -" + sums : "")
            + " WHERE id IN ("
            + ChargeSql.marks(debited.size())
            + ") AND balance - held"
            + (releases ? " +" + sums : "")
            + " + COALESCE(credit_limit, 0) >="
            + sums
            + " AND (spend_limit IS NULL"
            + (releases ? " OR" + sums : "")
            + " OR IF(spend_month = ?, spent, 0) + held +"
            + sums
            + " <= spend_limit)";
    try (PreparedStatement update = connection.prepareStatement(sql)) {
      Binder bind = new Binder(update, debited);
      bind.sums(GroupDebit::debited);
      bind.sums(GroupDebit::debited);
      bind.sums(GroupDebit::runs);
      bind.month(month);
      bind.sums(GroupDebit::debited);
      bind.month(month);
      if (releases) {
        bind.sums(GroupDebit::released);
      }
      for (Map.Entry<Long, GroupDebit> entry : debited) {
        update.setLong(bind.next++, entry.getKey());
      }
      if (releases) {
        bind.sums(GroupDebit::released);
      }
      bind.sums(GroupDebit::debited);
      if (releases) {
        bind.sums(GroupDebit::settles);
      }
      bind.month(month);
      bind.sums(GroupDebit::debited);
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
    private final List<Map.Entry<Long, GroupDebit>> debited;
    int next = 1;

    Binder(PreparedStatement statement, List<Map.Entry<Long, GroupDebit>> debited) {
      this.statement = statement;
      this.debited = debited;
    }

    /** {@code WHEN id THEN value} for each account debited. */
    void sums(Function<GroupDebit, Object> value) throws SQLException {
      for (Map.Entry<Long, GroupDebit> entry : debited) {
        statement.setLong(next++, entry.getKey());
        statement.setObject(next++, value.apply(entry.getValue()));
      }
    }

    void month(LocalDate month) throws SQLException {
      statement.setDate(next++, java.sql.Date.valueOf(month));
    }
  }
}
