package io.tally.billing.ledger;

import static io.tally.billing.platform.Database.utc;

import io.tally.billing.ledger.ChargeWrite.RollupDelta;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;

/** The statements that write a charge, shared by a single charge and a group of them. */
final class ChargeSql {

  /**
   * A charge's debit also counts toward the account's fair-use cap and is refused once the period's
   * usage has reached it (the cap is null on uncapped plans): the check and the count ride on this
   * one UPDATE, so fair use costs the gateway's hot path no extra statement. The call that reaches
   * the cap is accepted; the next is refused. No charge is forced: a call without an open hold pays
   * from what is available, or is refused.
   */
  static final String CHARGE_DEBIT =
      "UPDATE account SET balance = balance - ?,"
          + " fair_use_used = fair_use_used + IF(fair_use_cap IS NULL, 0, ?),"
          + LimitSql.COUNT
          + " WHERE id = ?"
          + " AND balance - held + COALESCE(credit_limit, 0) >= ?"
          + " AND (fair_use_cap IS NULL OR fair_use_used < fair_use_cap)"
          + LimitSql.CHECK;

  /**
   * The debit of a charge that has just settled its open hold (in the same transaction): it may
   * spend the hold's own money on top of what is available, and releases the hold from {@code
   * held}. A charge above hold + available is refused like any other, and the rollback leaves the
   * hold open. The fair-use cap and the spend limit were checked when the hold was placed; the
   * charge still counts toward both (and toward a workflow quota), and is not refused by them: the
   * work was done.
   */
  static final String SETTLE_DEBIT =
      "UPDATE account SET balance = balance - ?,"
          + " held = held - (SELECT amount FROM authorization_hold WHERE id = ?),"
          + " fair_use_used = fair_use_used + IF(fair_use_cap IS NULL, 0, ?),"
          + LimitSql.COUNT
          + " WHERE id = ?"
          + " AND balance - held + (SELECT amount FROM authorization_hold WHERE id = ?)"
          + " + COALESCE(credit_limit, 0) >= ?";

  /** The ledger entry's INSERT up to its values, for one row ({@link #ENTRY}) or many. */
  static final String ENTRY_INTO =
      "INSERT INTO ledger_entry (account_id, amount, kind, reference, idempotency_key,"
          + " balance_after, created_by, created_at) VALUES ";

  static final String ENTRY = ENTRY_INTO + rows(8, 1);

  /** The charge's INSERT up to its values, for one row ({@link #CHARGE}) or many. */
  static final String CHARGE_INTO =
      "INSERT INTO charge (account_id, request_id, model_id, workflow, amount, balance_after,"
          + " duration_ms, line_items, authorization_id, started_at, created_at, fingerprint,"
          + " failed_calls, queue_ms, cold_start_ms) VALUES ";

  static final String CHARGE = CHARGE_INTO + rows(15, 1);

  /** A failed call counts as a call and a failure, and adds nothing to the duration sum. */
  static final String ROLLUP =
      "INSERT INTO usage_rollup (account_id, day, model_id, calls, total_duration_ms, amount,"
          + " failed_calls) VALUES (?, ?, ?, 1, ?, ?, ?) ON DUPLICATE KEY UPDATE calls = calls + 1,"
          + " total_duration_ms = total_duration_ms + VALUES(total_duration_ms),"
          + " amount = amount + VALUES(amount), failed_calls = failed_calls + VALUES(failed_calls)";

  private ChargeSql() {}

  /** The placeholders of a multi-row INSERT: {@code rows} tuples of {@code columns}. */
  static String rows(int columns, int rows) {
    String tuple = "(" + String.join(", ", Collections.nCopies(columns, "?")) + ")";
    return String.join(", ", Collections.nCopies(rows, tuple));
  }

  /** {@code count} placeholders, for an {@code IN} list. */
  static String marks(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
  }

  static void bindChargeDebit(PreparedStatement update, ChargeWrite write, LocalDate month)
      throws SQLException {
    update.setBigDecimal(1, write.amount());
    update.setBigDecimal(2, write.amount());
    int next = LimitSql.bindCount(update, 3, write, month);
    update.setLong(next, write.accountId());
    update.setBigDecimal(next + 1, write.amount());
    LimitSql.bindCheck(update, next + 2, write, month);
  }

  static void bindSettleDebit(PreparedStatement update, ChargeWrite write, LocalDate month)
      throws SQLException {
    update.setBigDecimal(1, write.amount());
    update.setLong(2, write.authorizationId());
    update.setBigDecimal(3, write.amount());
    int next = LimitSql.bindCount(update, 4, write, month);
    update.setLong(next, write.accountId());
    update.setLong(next + 1, write.authorizationId());
    update.setBigDecimal(next + 2, write.amount());
  }

  static void bindCharge(
      PreparedStatement insert, ChargeWrite write, BigDecimal balance, Instant now)
      throws SQLException {
    bindCharge(insert, 0, write, balance, now);
  }

  /** Binds one row of a multi-row charge INSERT, its parameters after {@code before}. */
  static void bindCharge(
      PreparedStatement insert, int before, ChargeWrite write, BigDecimal balance, Instant now)
      throws SQLException {
    insert.setLong(before + 1, write.accountId());
    insert.setString(before + 2, write.requestId());
    insert.setString(before + 3, write.model());
    insert.setString(before + 4, write.workflow());
    insert.setBigDecimal(before + 5, write.amount());
    insert.setBigDecimal(before + 6, balance);
    insert.setLong(before + 7, write.durationMs());
    insert.setString(before + 8, write.lineItemsJson());
    insert.setObject(before + 9, write.authorizationId());
    insert.setObject(before + 10, utc(write.startedAt()));
    insert.setObject(before + 11, utc(now));
    insert.setString(before + 12, write.fingerprint());
    insert.setInt(before + 13, write.waits().failedCalls());
    insert.setLong(before + 14, write.waits().queueMs());
    insert.setLong(before + 15, write.waits().coldStartMs());
  }

  static void bindEntry(PreparedStatement insert, Posting posting, BigDecimal balance, Instant now)
      throws SQLException {
    bindEntry(insert, 0, posting, balance, now);
  }

  /** Binds one row of a multi-row ledger entry INSERT, its parameters after {@code before}. */
  static void bindEntry(
      PreparedStatement insert, int before, Posting posting, BigDecimal balance, Instant now)
      throws SQLException {
    insert.setLong(before + 1, posting.accountId());
    insert.setBigDecimal(before + 2, posting.amount());
    insert.setString(before + 3, posting.kind().name());
    insert.setString(before + 4, posting.reference());
    insert.setString(before + 5, posting.idempotencyKey());
    insert.setBigDecimal(before + 6, balance);
    insert.setString(before + 7, posting.createdBy());
    insert.setObject(before + 8, utc(now));
  }

  /** Adds a charge's rollup rows to the batch. */
  static void bindRollups(PreparedStatement upsert, ChargeWrite write) throws SQLException {
    for (RollupDelta delta : write.rollups()) {
      upsert.setLong(1, write.accountId());
      upsert.setObject(2, delta.day());
      upsert.setString(3, delta.model());
      upsert.setLong(4, delta.failed() ? 0 : delta.durationMs());
      upsert.setBigDecimal(5, delta.amount());
      upsert.setInt(6, delta.failed() ? 1 : 0);
      upsert.addBatch();
    }
  }

  /** The ledger entry of a charge. */
  static Posting usagePosting(ChargeWrite write) {
    String what = write.workflow() != null ? "workflow " + write.workflow() : write.model();
    return new Posting(
        write.accountId(),
        write.amount().negate(),
        EntryKind.USAGE,
        "request " + write.requestId() + ": " + what,
        "usage:" + write.requestId(),
        "gateway",
        Posting.Guard.NONE);
  }
}
