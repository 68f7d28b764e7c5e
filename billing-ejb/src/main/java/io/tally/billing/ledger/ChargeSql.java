package io.tally.billing.ledger;

import static io.tally.billing.platform.Database.utc;

import io.tally.billing.ledger.ChargeWrite.RollupDelta;
import io.tally.billing.platform.Database;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;

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

  static final String ENTRY =
      "INSERT INTO ledger_entry (account_id, amount, kind, reference, idempotency_key,"
          + " balance_after, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  static final String CHARGE =
      "INSERT INTO charge (account_id, request_id, model_id, workflow, amount, balance_after,"
          + " duration_ms, line_items, authorization_id, started_at, created_at, fingerprint,"
          + " failed_calls, queue_ms, cold_start_ms)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /** A failed call counts as a call and a failure, and adds nothing to the duration sum. */
  static final String ROLLUP =
      "INSERT INTO usage_rollup (account_id, day, model_id, calls, total_duration_ms, amount,"
          + " failed_calls) VALUES (?, ?, ?, 1, ?, ?, ?) ON DUPLICATE KEY UPDATE calls = calls + 1,"
          + " total_duration_ms = total_duration_ms + VALUES(total_duration_ms),"
          + " amount = amount + VALUES(amount), failed_calls = failed_calls + VALUES(failed_calls)";

  private ChargeSql() {}

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
    insert.setString(12, write.fingerprint());
    insert.setInt(13, write.waits().failedCalls());
    insert.setLong(14, write.waits().queueMs());
    insert.setLong(15, write.waits().coldStartMs());
  }

  static void bindEntry(PreparedStatement insert, Posting posting, BigDecimal balance, Instant now)
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

  /** Runs a group's batch; a duplicate key means a charge of the group was seen before. */
  static void executeGroup(PreparedStatement batch) throws SQLException {
    try {
      batch.executeBatch();
    } catch (SQLException e) {
      if (Database.isDuplicateKey(e)) {
        throw new DuplicateEntry("a charge of the group");
      }
      throw e;
    }
  }
}
