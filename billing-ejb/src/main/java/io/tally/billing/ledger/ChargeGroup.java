package io.tally.billing.ledger;

import io.tally.billing.api.BillingException;
import io.tally.billing.platform.Database;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Several charges written in one transaction with a fixed handful of statements, however many
 * charges and accounts the group holds: one locking read of its accounts, one UPDATE of them, then
 * one multi-row INSERT each for the charges, their ledger entries, the usage rollups and the speed
 * rows; a locking read and an UPDATE more for the holds it settles, and for the keys it spends
 * from.
 *
 * <p>The rows a charge's rules read are locked first ({@code SELECT … FOR UPDATE}, each table in id
 * order: the holds the group settles, its accounts, the keys it spends from; the single path's
 * order, so concurrent groups and single charges never wait for each other in a cycle). With them
 * locked, each charge is decided in Java, in the group's order, exactly as the single path's
 * conditional UPDATEs would have decided it ({@link GroupHolds}, {@link GroupDebit}, {@link
 * GroupKeys}); then one UPDATE each writes the settled holds, the accounts' accepted sums and the
 * keys' (whose WHERE clauses still refuse a sum below an account's floor or past a spend limit, so
 * the database guards the money even here). A refused charge writes nothing, so it needs no
 * savepoint: its hold stays open and its account and key are as the others leave them.
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
   * Writes the charges in the group's order (by account, as its caller sorted them): each is
   * decided against what the ones before it left, and one refused writes nothing of its own (its
   * hold stays open, its key and account unchanged) while the others go on.
   */
  static List<ChargeAttempt> write(Connection connection, List<ChargeWrite> writes, Instant now)
      throws SQLException {
    if (writes.isEmpty()) {
      return List.of();
    }
    ChargeGroup group = new ChargeGroup(writes, now);
    // Holds, accounts, keys: the single path's order (see GroupHolds).
    GroupHolds holds = GroupHolds.lock(connection, writes);
    GroupAccounts accounts = GroupAccounts.lock(connection, writes, group.month);
    GroupKeys keys = GroupKeys.lock(connection, writes, group.month);
    group.decide(holds, accounts, keys);
    holds.write(connection, now);
    accounts.write(connection);
    keys.write(connection);
    group.record(connection);
    return Arrays.asList(group.attempts);
  }

  /**
   * Each charge in the single path's order of checks: the hold it names (404 if its account has
   * none such), the account's debit (settling when the hold is open), then the key's limit.
   */
  private void decide(GroupHolds holds, GroupAccounts accounts, GroupKeys keys) {
    for (int k = 0; k < writes.size(); k++) {
      ChargeWrite write = writes.get(k);
      GroupDebit account = accounts.get(write.accountId());
      BigDecimal hold = holds.open(write);
      BillingException refused = refusal(write, holds.unknown(write), account, hold, keys);
      if (refused != null) {
        attempts[k] = ChargeAttempt.refused(refused);
        continue;
      }
      WrittenCharge after = hold == null ? account.apply(write) : account.settle(write, hold);
      if (hold != null) {
        holds.settle(write);
      }
      afters[k] = keys.apply(write, hold, after);
    }
  }

  /** The first rule that refuses the charge, or null; {@code hold} the open hold it settles. */
  private static BillingException refusal(
      ChargeWrite write,
      BillingException unknownHold,
      GroupDebit account,
      BigDecimal hold,
      GroupKeys keys) {
    if (unknownHold != null) {
      return unknownHold;
    }
    if (account == null) {
      return Refusal.notFound(write.accountId());
    }
    if (hold == null ? !account.fits(write) : !account.fitsSettling(write, hold)) {
      return account.refusal(write);
    }
    return keys.refusal(write, hold);
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
}
