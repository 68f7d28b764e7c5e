package io.tally.billing.ledger;

import static io.tally.billing.platform.Database.utc;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.BillingMode;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.platform.Database;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
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
      "UPDATE account SET balance = balance - ? WHERE id = ?"
          + " AND (? OR balance - held + COALESCE(credit_limit, 0) >= ?)";

  private static final String BALANCE =
      "SELECT balance, fair_use_used, fair_use_cap, fair_use_since FROM account WHERE id = ?";

  /** The account after a charge, and its key's spend when it spends from one: one round trip. */
  private static final String CHARGED =
      "SELECT a.balance, a.fair_use_used, a.fair_use_cap, a.fair_use_since, a.workflow_used,"
          + " a.workflow_quota, a.spent, a.spend_limit, k.spent, k.spend_limit"
          + " FROM account a LEFT JOIN api_key k ON k.id = ? WHERE a.id = ?";

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
   * Writes one charge: settles its authorization if it names one that is still open, debits the
   * account (refused with a 402 when it cannot pay: an open hold's amount counts as spendable, a
   * closed one's does not), records the entry and the charge, and adds to the day's usage rollups.
   * A refusal rolls everything back, the hold's settlement included.
   */
  public WrittenCharge charge(ChargeWrite write) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    LocalDate month = monthOf(now);
    try (Connection connection = dataSource.getConnection()) {
      boolean settles =
          write.authorizationId() != null
              && Holds.settle(connection, write.accountId(), write.authorizationId(), now);
      if (!chargeDebit(connection, write, settles, month)) {
        throw Refusal.of(
            connection, write.accountId(), write.amount(), write.workflowRuns(), month);
      }
      if (write.apiKeyId() != null) {
        LimitSql.debitKey(connection, write, month, settles);
      }
      return record(connection, write, now, month);
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /**
   * Writes several charges in one transaction (see {@link ChargeGroup}): one commit and a few
   * batches instead of a transaction per charge. A charge the account cannot pay is refused on its
   * own and the others go on. A charge seen before ({@link DuplicateEntry}) or a deadlock ({@link
   * ConcurrentConflict}) rolls the whole group back; the caller then charges its events one by one
   * to learn each one's answer. A charge may settle a hold or spend from a key: the group decides
   * it by {@link #charge}'s rules.
   */
  public List<ChargeAttempt> chargeAll(List<ChargeWrite> writes) {
    try (Connection connection = dataSource.getConnection()) {
      return ChargeGroup.write(connection, writes, clock.instant().truncatedTo(ChronoUnit.MICROS));
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /**
   * The calls of a group commit ({@link GroupCommit}), written as {@link #chargeAll} writes a
   * batch's, always in a transaction of their own: other callers' charges never join a caller's.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public List<ChargeAttempt> chargeGroup(List<ChargeWrite> writes) {
    return chargeAll(writes);
  }

  /** The first day of the UTC month of {@code now}: what monthly spend counts toward. */
  static LocalDate monthOf(Instant now) {
    return LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1);
  }

  /** After a charge's debit: its ledger entry, the charge row and the day's rollups. */
  private WrittenCharge record(
      Connection connection, ChargeWrite write, Instant now, LocalDate month) throws SQLException {
    WrittenCharge after = charged(connection, write, month);
    BigDecimal balance = after.balanceAfter();
    entry(connection, ChargeSql.usagePosting(write), balance, now);
    long id = insertCharge(connection, write, balance, now);
    rollups(connection, write);
    SpeedRollup.add(connection, List.of(write));
    return new WrittenCharge(id, balance, now, after.fairUse(), after.limits());
  }

  /** The account (and key) right after a charge's debit; id and time are not known yet. */
  private static WrittenCharge charged(Connection connection, ChargeWrite write, LocalDate month)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(CHARGED)) {
      select.setObject(1, write.apiKeyId());
      select.setLong(2, write.accountId());
      try (ResultSet row = select.executeQuery()) {
        row.next();
        BigDecimal cap = row.getBigDecimal(3);
        Instant since =
            row.getObject(4) == null
                ? null
                : Database.instant(row.getObject(4, LocalDateTime.class));
        WrittenCharge.FairUse fairUse =
            cap == null ? null : new WrittenCharge.FairUse(row.getBigDecimal(2), cap, since);
        // getInt and wasNull, not getObject(6, Integer.class): the pool's wrapper looks that one up
        // by reflection and throws NoSuchMethodException on each call before it finds it.
        int quotaValue = row.getInt(6);
        Integer quota = row.wasNull() ? null : quotaValue;
        WrittenCharge.Quota workflow =
            quota == null || write.workflowRuns() == 0
                ? null
                : new WrittenCharge.Quota(row.getInt(5), quota, since);
        return new WrittenCharge(
            0,
            row.getBigDecimal(1),
            null,
            fairUse,
            new WrittenCharge.Limits(
                workflow,
                spend(row.getBigDecimal(7), row.getBigDecimal(8), month),
                spend(row.getBigDecimal(9), row.getBigDecimal(10), month)));
      }
    }
  }

  private static WrittenCharge.Spend spend(BigDecimal spent, BigDecimal limit, LocalDate month) {
    return limit == null ? null : new WrittenCharge.Spend(spent, limit, month);
  }

  private BigDecimal apply(Connection connection, Posting posting, Instant now)
      throws SQLException {
    boolean force = posting.amount().signum() >= 0 || posting.guard() == Posting.Guard.NONE;
    debit(connection, posting.accountId(), posting.amount().negate(), force);
    BigDecimal balance = after(connection, posting.accountId()).balance();
    entry(connection, posting, balance, now);
    return balance;
  }

  private void debit(Connection connection, long accountId, BigDecimal amount, boolean force)
      throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(DEBIT)) {
      update.setBigDecimal(1, amount);
      update.setLong(2, accountId);
      update.setBoolean(3, force);
      update.setBigDecimal(4, amount);
      if (update.executeUpdate() == 0) {
        throw Refusal.of(connection, accountId, amount, monthOf(clock.instant()));
      }
    }
  }

  /**
   * The charge's conditional debit, with the money of the hold it just settled or without; false
   * when it did not apply (nothing changed).
   */
  private boolean chargeDebit(
      Connection connection, ChargeWrite write, boolean settles, LocalDate month)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(settles ? ChargeSql.SETTLE_DEBIT : ChargeSql.CHARGE_DEBIT)) {
      if (settles) {
        ChargeSql.bindSettleDebit(update, write, month);
      } else {
        ChargeSql.bindChargeDebit(update, write, month);
      }
      return update.executeUpdate() == 1;
    }
  }

  /** The account right after a debit: its balance, and its fair use when its plan is capped. */
  record After(BigDecimal balance, WrittenCharge.FairUse fairUse) {}

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
    try (PreparedStatement insert = connection.prepareStatement(ChargeSql.ENTRY)) {
      ChargeSql.bindEntry(insert, posting, balance, now);
      insert.executeUpdate();
    } catch (SQLException e) {
      if (Database.isDuplicateKey(e)) {
        throw new DuplicateEntry(posting.idempotencyKey());
      }
      throw e;
    }
  }

  private long insertCharge(
      Connection connection, ChargeWrite write, BigDecimal balance, Instant now)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(ChargeSql.CHARGE, Statement.RETURN_GENERATED_KEYS)) {
      ChargeSql.bindCharge(insert, write, balance, now);
      insert.executeUpdate();
      return Database.generatedId(insert);
    }
  }

  private void rollups(Connection connection, ChargeWrite write) throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement(ChargeSql.ROLLUP)) {
      ChargeSql.bindRollups(upsert, write);
      upsert.executeBatch();
    }
  }

  private static RuntimeException failure(SQLException e) {
    if (Database.isRetryable(e)) {
      return new ConcurrentConflict(e);
    }
    return new IllegalStateException("ledger write failed", e);
  }
}
