package io.tally.billing.ledger;

import static io.tally.billing.platform.Database.utc;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.BillingMode;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.ledger.ChargeWrite.RollupDelta;
import io.tally.billing.platform.Database;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The one place money moves. Each method is one transaction that changes an account's cached
 * balance with one conditional {@code UPDATE} and writes the matching immutable ledger entry, so
 * {@code balance == sum(entries)} holds at every commit. Idempotency is the database's unique keys;
 * a repeated key surfaces as {@link DuplicateEntry}.
 *
 * <p>Plain JDBC on purpose: this is the hot path, and every statement here is one round trip.
 */
@Stateless
public class LedgerWriter {

  /** Available plus credit limit must cover the debit, unless the caller forces it. */
  private static final String DEBIT =
      "UPDATE account SET balance = balance - ?, held = held - ? WHERE id = ?"
          + " AND (? OR balance - held + ? + COALESCE(credit_limit, 0) >= ?)";

  /**
   * A charge's debit also counts toward the account's fair-use cap and is refused once the period's
   * usage has reached it (the cap is null on uncapped plans): the check and the count ride on this
   * one UPDATE, so fair use costs the gateway's hot path no extra statement. The call that reaches
   * the cap is accepted; the next is refused. A charge against an authorization is forced, cap
   * included: the work was done.
   */
  private static final String CHARGE_DEBIT =
      "UPDATE account SET balance = balance - ?, held = held - ?,"
          + " fair_use_used = fair_use_used + IF(fair_use_cap IS NULL, 0, ?) WHERE id = ?"
          + " AND (? OR balance - held + ? + COALESCE(credit_limit, 0) >= ?"
          + " AND (fair_use_cap IS NULL OR fair_use_used < fair_use_cap))";

  private static final String BALANCE =
      "SELECT balance, fair_use_used, fair_use_cap, fair_use_since FROM account WHERE id = ?";
  private static final String ENTRY =
      "INSERT INTO ledger_entry (account_id, amount, kind, reference, idempotency_key,"
          + " balance_after, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String CHARGE =
      "INSERT INTO charge (account_id, request_id, model_id, workflow, amount, balance_after,"
          + " duration_ms, line_items, authorization_id, started_at, created_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String ROLLUP =
      "INSERT INTO usage_rollup (account_id, day, model_id, calls, total_duration_ms, amount)"
          + " VALUES (?, ?, ?, 1, ?, ?) ON DUPLICATE KEY UPDATE calls = calls + 1,"
          + " total_duration_ms = total_duration_ms + VALUES(total_duration_ms),"
          + " amount = amount + VALUES(amount)";

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  @Inject Clock clock;

  /** Opens an account with a zero balance, then posts its opening grant if it has one. */
  public long openAccount(
      String email, String name, BillingMode mode, BigDecimal creditLimit, BigDecimal grant) {
    Instant now = clock.instant();
    try (Connection connection = dataSource.getConnection()) {
      long id;
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO account (email, name, billing_mode, plan, credit_limit, balance, held,"
                  + " created_at) VALUES (?, ?, ?, ?, ?, 0, 0, ?)",
              Statement.RETURN_GENERATED_KEYS)) {
        insert.setString(1, email);
        insert.setString(2, name);
        insert.setString(3, mode.name());
        // Every prepaid account starts on Free; post-paid ones are Enterprise, invoiced monthly.
        insert.setString(4, mode == BillingMode.POSTPAID ? "ENTERPRISE" : "FREE");
        insert.setBigDecimal(5, creditLimit);
        insert.setObject(6, utc(now));
        insert.executeUpdate();
        id = Database.generatedId(insert);
      }
      if (grant.signum() > 0) {
        apply(
            connection,
            new Posting(
                id,
                grant,
                EntryKind.FREE_GRANT,
                "Free account credit",
                "free-grant",
                "system",
                Posting.Guard.NONE),
            now);
      }
      return id;
    } catch (SQLException e) {
      if (Database.isDuplicateKey(e)) {
        throw new BillingException(
            ErrorCode.EMAIL_TAKEN, "an account with this email exists", "email");
      }
      throw failure(e);
    }
  }

  /** Posts a credit or a debit that is not a charge; answers the balance after it. */
  public BigDecimal post(Posting posting) {
    try (Connection connection = dataSource.getConnection()) {
      return apply(connection, posting, clock.instant());
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /**
   * Writes one charge: settles its authorization if it has one, debits the account (refused with a
   * 402 when it cannot pay, unless the work was authorized), records the entry and the charge, and
   * adds to the day's usage rollups.
   */
  public WrittenCharge charge(ChargeWrite write) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    try (Connection connection = dataSource.getConnection()) {
      BigDecimal release = BigDecimal.ZERO;
      boolean authorized = write.authorizationId() != null;
      if (authorized) {
        release = Holds.settle(connection, write.accountId(), write.authorizationId(), now);
      }
      if (!chargeDebit(connection, write, release, authorized)) {
        throw Refusal.of(connection, write.accountId(), write.amount());
      }
      return record(connection, write, now);
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /**
   * Writes several charges in one transaction, in the order given: one commit instead of one per
   * charge, and the charges, ledger entries and rollups sent in one batch each. A charge the
   * account cannot pay is refused on its own (its debit changed nothing) and the others go on.
   * Anything else ends the whole group: a charge seen before ({@link DuplicateEntry}), a deadlock
   * ({@link ConcurrentConflict}), a charge against an authorization that cannot be settled. Then
   * nothing of the group is written, and the caller charges its events one by one to learn each
   * one's answer.
   */
  public List<ChargeAttempt> chargeAll(List<ChargeWrite> writes) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    List<ChargeAttempt> attempts = new ArrayList<>(writes.size());
    // Each account as this group's last debit left it: read after its first debit, then kept
    // here, since the group holds the account's row lock until it commits.
    Map<Long, After> accounts = new HashMap<>();
    // The written charges, whose ids the charge batch assigns: their place in attempts, and state.
    List<Integer> places = new ArrayList<>();
    List<After> written = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement charges =
            connection.prepareStatement(CHARGE, Statement.RETURN_GENERATED_KEYS);
        PreparedStatement entries = connection.prepareStatement(ENTRY);
        PreparedStatement rollups = connection.prepareStatement(ROLLUP)) {
      for (ChargeWrite write : writes) {
        boolean authorized = write.authorizationId() != null;
        BigDecimal release =
            authorized
                ? Holds.settle(connection, write.accountId(), write.authorizationId(), now)
                : BigDecimal.ZERO;
        if (!chargeDebit(connection, write, release, authorized)) {
          BillingException refused = Refusal.of(connection, write.accountId(), write.amount());
          if (authorized) {
            throw refused;
          }
          attempts.add(ChargeAttempt.refused(refused));
          continue;
        }
        After known = accounts.get(write.accountId());
        After after =
            known == null ? after(connection, write.accountId()) : known.less(write.amount());
        accounts.put(write.accountId(), after);
        bindCharge(charges, write, after.balance(), now);
        charges.addBatch();
        bindEntry(entries, usagePosting(write), after.balance(), now);
        entries.addBatch();
        bindRollups(rollups, write);
        places.add(attempts.size());
        written.add(after);
        attempts.add(null);
      }
      // A requestId seen before surfaces here, on the charge's unique key.
      executeGroup(charges, "a group of charges");
      try (ResultSet keys = charges.getGeneratedKeys()) {
        for (int k = 0; k < places.size(); k++) {
          if (!keys.next()) {
            throw new IllegalStateException(
                "the charge batch answered " + k + " ids for " + places.size() + " charges");
          }
          After after = written.get(k);
          attempts.set(
              places.get(k),
              ChargeAttempt.written(
                  new WrittenCharge(keys.getLong(1), after.balance(), now, after.fairUse())));
        }
      }
      executeGroup(entries, "a group of charges");
      rollups.executeBatch();
      return attempts;
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** After a charge's debit: its ledger entry, the charge row and the day's rollups. */
  private WrittenCharge record(Connection connection, ChargeWrite write, Instant now)
      throws SQLException {
    After after = after(connection, write.accountId());
    BigDecimal balance = after.balance();
    entry(connection, usagePosting(write), balance, now);
    long id = insertCharge(connection, write, balance, now);
    rollups(connection, write);
    return new WrittenCharge(id, balance, now, after.fairUse());
  }

  private BigDecimal apply(Connection connection, Posting posting, Instant now)
      throws SQLException {
    boolean force = posting.amount().signum() >= 0 || posting.guard() == Posting.Guard.NONE;
    debit(connection, posting.accountId(), posting.amount().negate(), BigDecimal.ZERO, force);
    BigDecimal balance = after(connection, posting.accountId()).balance();
    entry(connection, posting, balance, now);
    return balance;
  }

  private void debit(
      Connection connection, long accountId, BigDecimal amount, BigDecimal release, boolean force)
      throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(DEBIT)) {
      update.setBigDecimal(1, amount);
      update.setBigDecimal(2, release);
      update.setLong(3, accountId);
      update.setBoolean(4, force);
      update.setBigDecimal(5, release);
      update.setBigDecimal(6, amount);
      if (update.executeUpdate() == 0) {
        throw Refusal.of(connection, accountId, amount);
      }
    }
  }

  /** The charge's conditional debit; false when it did not apply (nothing changed). */
  private boolean chargeDebit(
      Connection connection, ChargeWrite write, BigDecimal release, boolean force)
      throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(CHARGE_DEBIT)) {
      update.setBigDecimal(1, write.amount());
      update.setBigDecimal(2, release);
      update.setBigDecimal(3, write.amount());
      update.setLong(4, write.accountId());
      update.setBoolean(5, force);
      update.setBigDecimal(6, release);
      update.setBigDecimal(7, write.amount());
      return update.executeUpdate() == 1;
    }
  }

  /** The account right after a debit: its balance, and its fair use when its plan is capped. */
  private record After(BigDecimal balance, WrittenCharge.FairUse fairUse) {

    /** The account after a further charge's debit: {@code CHARGE_DEBIT} in Java. */
    After less(BigDecimal amount) {
      return new After(
          balance.subtract(amount),
          fairUse == null
              ? null
              : new WrittenCharge.FairUse(
                  fairUse.used().add(amount), fairUse.cap(), fairUse.since()));
    }
  }

  private static After after(Connection connection, long accountId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(BALANCE)) {
      select.setLong(1, accountId);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        BigDecimal cap = row.getBigDecimal(3);
        WrittenCharge.FairUse fairUse =
            cap == null
                ? null
                : new WrittenCharge.FairUse(
                    row.getBigDecimal(2),
                    cap,
                    Database.instant(row.getObject(4, LocalDateTime.class)));
        return new After(row.getBigDecimal(1), fairUse);
      }
    }
  }

  private void entry(Connection connection, Posting posting, BigDecimal balance, Instant now)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(ENTRY)) {
      bindEntry(insert, posting, balance, now);
      insert.executeUpdate();
    } catch (SQLException e) {
      if (Database.isDuplicateKey(e)) {
        throw new DuplicateEntry(posting.idempotencyKey());
      }
      throw e;
    }
  }

  /** Runs a group's batch; a duplicate key means a charge of the group was seen before. */
  private static void executeGroup(PreparedStatement batch, String what) throws SQLException {
    try {
      batch.executeBatch();
    } catch (SQLException e) {
      if (Database.isDuplicateKey(e)) {
        throw new DuplicateEntry(what);
      }
      throw e;
    }
  }

  private static void bindEntry(
      PreparedStatement insert, Posting posting, BigDecimal balance, Instant now)
      throws SQLException {
    insert.setLong(1, posting.accountId());
    insert.setBigDecimal(2, posting.amount());
    insert.setString(3, posting.kind().name());
    insert.setString(4, posting.reference());
    insert.setString(5, posting.idempotencyKey());
    insert.setBigDecimal(6, balance);
    insert.setString(7, posting.createdBy());
    insert.setObject(8, utc(now));
  }

  private static Posting usagePosting(ChargeWrite write) {
    return new Posting(
        write.accountId(),
        write.amount().negate(),
        EntryKind.USAGE,
        reference(write),
        "usage:" + write.requestId(),
        "gateway",
        Posting.Guard.NONE);
  }

  private long insertCharge(
      Connection connection, ChargeWrite write, BigDecimal balance, Instant now)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(CHARGE, Statement.RETURN_GENERATED_KEYS)) {
      bindCharge(insert, write, balance, now);
      insert.executeUpdate();
      return Database.generatedId(insert);
    }
  }

  private static void bindCharge(
      PreparedStatement insert, ChargeWrite write, BigDecimal balance, Instant now)
      throws SQLException {
    insert.setLong(1, write.accountId());
    insert.setString(2, write.requestId());
    insert.setString(3, write.model());
    insert.setString(4, write.workflow());
    insert.setBigDecimal(5, write.amount());
    insert.setBigDecimal(6, balance);
    insert.setLong(7, write.durationMs());
    insert.setString(8, write.lineItemsJson());
    insert.setObject(9, write.authorizationId());
    insert.setObject(10, utc(write.startedAt()));
    insert.setObject(11, utc(now));
  }

  private void rollups(Connection connection, ChargeWrite write) throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement(ROLLUP)) {
      bindRollups(upsert, write);
      upsert.executeBatch();
    }
  }

  private static void bindRollups(PreparedStatement upsert, ChargeWrite write) throws SQLException {
    for (RollupDelta delta : write.rollups()) {
      upsert.setLong(1, write.accountId());
      upsert.setObject(2, delta.day());
      upsert.setString(3, delta.model());
      upsert.setLong(4, delta.durationMs());
      upsert.setBigDecimal(5, delta.amount());
      upsert.addBatch();
    }
  }

  private static String reference(ChargeWrite write) {
    String what = write.workflow() != null ? "workflow " + write.workflow() : write.model();
    return "request " + write.requestId() + ": " + what;
  }

  private static RuntimeException failure(SQLException e) {
    if (Database.isRetryable(e)) {
      return new ConcurrentConflict(e);
    }
    return new IllegalStateException("ledger write failed", e);
  }
}
