package io.tally.billing.ledger;

import static io.tally.billing.platform.Database.utc;

import io.tally.billing.ledger.Refusal.Snapshot;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Several holds placed in one transaction with three statements, however many holds and accounts
 * the group has: one locking read of the accounts ({@code SELECT … FOR UPDATE}, in id order, as
 * {@link ChargeGroup} locks them), one UPDATE of the accounts' {@code held}, and one multi-row
 * INSERT of the holds, whose ids come back through {@code RETURNING}.
 *
 * <p>With the rows locked, each hold is decided in Java, in the group's order, by {@link
 * Holds#PLACE}'s own WHERE clause against the account as the group's earlier holds left it (their
 * amounts already in {@code held}); {@code HoldGroupIT} runs both on random twin accounts and
 * compares every answer. The UPDATE then adds each account's accepted sum, and its WHERE clause is
 * the same rule for the sum (which fits when the last accepted hold fitted), so the database still
 * refuses to hold money an account does not have.
 */
final class HoldGroup {

  private HoldGroup() {}

  /**
   * Places the holds, all counting toward {@code month}; answers one attempt per hold, in order.
   */
  static List<HoldAttempt> write(Connection connection, List<HoldWrite> writes, LocalDate month)
      throws SQLException {
    if (writes.isEmpty()) {
      return List.of();
    }
    SortedMap<Long, Account> accounts = lock(connection, writes, month);
    HoldAttempt[] attempts = new HoldAttempt[writes.size()];
    List<Integer> placed = new ArrayList<>();
    for (int k = 0; k < writes.size(); k++) {
      HoldWrite write = writes.get(k);
      Account account = accounts.get(write.accountId());
      if (account == null) {
        attempts[k] = HoldAttempt.refused(Refusal.notFound(write.accountId()));
      } else if (account.fits(write.amount())) {
        account.hold(write.amount());
        placed.add(k);
      } else {
        attempts[k] = HoldAttempt.refused(Refusal.of(account.now(), write.amount(), 0));
      }
    }
    if (!placed.isEmpty()) {
      raise(connection, accounts, month);
      List<Long> ids = insert(connection, writes, placed);
      for (int row = 0; row < placed.size(); row++) {
        attempts[placed.get(row)] = HoldAttempt.placed(ids.get(row));
      }
    }
    return Arrays.asList(attempts);
  }

  /** One account of the group, as its earlier holds leave it. */
  static final class Account {
    private final Snapshot start;
    private BigDecimal held;
    private BigDecimal added = BigDecimal.ZERO;

    Account(Snapshot start) {
      this.start = start;
      this.held = start.held();
    }

    /** {@link Holds#PLACE}'s WHERE clause, term for term, with the group's holds in held. */
    boolean fits(BigDecimal amount) {
      BigDecimal spendable =
          start
              .balance()
              .subtract(held)
              .add(Objects.requireNonNullElse(start.creditLimit(), BigDecimal.ZERO));
      return spendable.compareTo(amount) >= 0
          && (start.fairUseCap() == null || start.fairUseUsed().compareTo(start.fairUseCap()) < 0)
          && (start.spendLimit() == null
              || start.spent().add(held).add(amount).compareTo(start.spendLimit()) <= 0);
    }

    void hold(BigDecimal amount) {
      held = held.add(amount);
      added = added.add(amount);
    }

    /** The account as a refusal reports it: its held with the group's holds so far. */
    Snapshot now() {
      return new Snapshot(
          start.balance(),
          held,
          start.mode(),
          start.creditLimit(),
          start.fairUseUsed(),
          start.fairUseCap(),
          start.workflowUsed(),
          start.workflowQuota(),
          start.spendLimit(),
          start.spent(),
          start.upgradeTo());
    }
  }

  private static SortedMap<Long, Account> lock(
      Connection connection, List<HoldWrite> writes, LocalDate month) throws SQLException {
    List<Long> ids =
        new ArrayList<>(new TreeSet<>(writes.stream().map(HoldWrite::accountId).toList()));
    SortedMap<Long, Account> accounts = new TreeMap<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT id, "
                + Refusal.COLUMNS
                + " FROM account WHERE id IN ("
                + marks(ids.size())
                + ") ORDER BY id FOR UPDATE")) {
      for (int i = 0; i < ids.size(); i++) {
        select.setLong(i + 1, ids.get(i));
      }
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          accounts.put(row.getLong(1), new Account(Snapshot.read(row, 2, month)));
        }
      }
    }
    return accounts;
  }

  /**
   * One UPDATE of every account that holds more. Its WHERE clause is {@link Holds#PLACE}'s for the
   * account's sum, so a mismatch can only be a fault, and the group rolls back.
   */
  private static void raise(
      Connection connection, SortedMap<Long, Account> accounts, LocalDate month)
      throws SQLException {
    List<Map.Entry<Long, Account>> raised =
        accounts.entrySet().stream().filter(entry -> entry.getValue().added.signum() > 0).toList();
    if (raised.isEmpty()) {
      // Holds of zero: nothing to add, and nothing the accounts' locks did not already decide.
      return;
    }
    String sums = " CASE id" + " WHEN ? THEN ?".repeat(raised.size()) + " END";
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE account SET held = held +"
                + sums
                + " WHERE id IN ("
                + marks(raised.size())
                + ") AND balance - held + COALESCE(credit_limit, 0) >="
                + sums
                + " AND (fair_use_cap IS NULL OR fair_use_used < fair_use_cap)"
                + " AND (spend_limit IS NULL OR IF(spend_month = ?, spent, 0) + held +"
                + sums
                + " <= spend_limit)")) {
      int next = bindSums(update, 1, raised);
      for (Map.Entry<Long, Account> entry : raised) {
        update.setLong(next++, entry.getKey());
      }
      next = bindSums(update, next, raised);
      update.setDate(next++, Date.valueOf(month));
      bindSums(update, next, raised);
      int matched = update.executeUpdate();
      if (matched != raised.size()) {
        throw new IllegalStateException(
            "the group's holds on " + raised.size() + " accounts matched " + matched);
      }
    }
  }

  private static int bindSums(
      PreparedStatement update, int first, List<Map.Entry<Long, Account>> raised)
      throws SQLException {
    int next = first;
    for (Map.Entry<Long, Account> entry : raised) {
      update.setLong(next++, entry.getKey());
      update.setBigDecimal(next++, entry.getValue().added);
    }
    return next;
  }

  /** One INSERT of the placed holds; answers their ids in the order of {@code placed}. */
  private static List<Long> insert(
      Connection connection, List<HoldWrite> writes, List<Integer> placed) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO authorization_hold (account_id, model_id, amount, status, expires_at,"
                + " created_at) VALUES "
                + String.join(", ", Collections.nCopies(placed.size(), "(?, ?, ?, 'OPEN', ?, ?)"))
                + " RETURNING id, account_id, amount")) {
      int next = 1;
      for (int k : placed) {
        HoldWrite write = writes.get(k);
        insert.setLong(next++, write.accountId());
        insert.setString(next++, write.model());
        insert.setBigDecimal(next++, write.amount());
        insert.setObject(next++, utc(write.expiresAt()));
        insert.setObject(next++, utc(write.now()));
      }
      List<Long> ids = new ArrayList<>();
      try (ResultSet rows = insert.executeQuery()) {
        while (rows.next()) {
          // The rows come back in the order of the VALUES; checked, since the answers rely on it.
          HoldWrite write = writes.get(placed.get(ids.size()));
          if (rows.getLong(2) != write.accountId()
              || rows.getBigDecimal(3).compareTo(write.amount()) != 0) {
            throw new IllegalStateException("the group's hold ids came back out of order");
          }
          ids.add(rows.getLong(1));
        }
      }
      if (ids.size() != placed.size()) {
        throw new IllegalStateException(ids.size() + " ids for " + placed.size() + " holds");
      }
      return ids;
    }
  }

  private static String marks(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
  }
}
