package io.tally.billing.ledger;

import io.tally.billing.platform.Database;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Debits metered work (a fine-tuning job's running time) beside {@link LedgerWriter}'s hot path:
 * one unguarded ledger posting plus the day's usage rollup, in the caller's transaction, so the
 * meter's own bookkeeping (how far it has charged) commits with the money or not at all.
 */
@Stateless
public class MeteredWriter {

  private static final String ROLLUP =
      "INSERT INTO usage_rollup (account_id, day, model_id, calls, total_duration_ms, amount)"
          + " VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE calls = calls + VALUES(calls),"
          + " total_duration_ms = total_duration_ms + VALUES(total_duration_ms),"
          + " amount = amount + VALUES(amount)";

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  @Inject LedgerWriter writer;

  /**
   * Charges one reading; answers the balance after it, or empty when it cost nothing (no entry is
   * written for a zero amount, only the rollup's time).
   */
  public Optional<BigDecimal> debit(MeteredDebit debit) {
    Optional<BigDecimal> balance = Optional.empty();
    if (debit.amount().signum() > 0) {
      balance =
          Optional.of(
              writer.post(
                  new Posting(
                      debit.accountId(),
                      debit.amount().negate(),
                      EntryKind.FINE_TUNE,
                      debit.reference(),
                      debit.idempotencyKey(),
                      "meter",
                      Posting.Guard.NONE)));
    }
    rollup(debit);
    return balance;
  }

  private void rollup(MeteredDebit debit) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement upsert = connection.prepareStatement(ROLLUP)) {
      upsert.setLong(1, debit.accountId());
      upsert.setObject(2, debit.day());
      upsert.setString(3, debit.model());
      upsert.setLong(4, debit.firstReading() ? 1 : 0);
      upsert.setLong(5, debit.durationMs());
      upsert.setBigDecimal(6, debit.amount());
      upsert.executeUpdate();
    } catch (SQLException e) {
      if (Database.isRetryable(e)) {
        throw new ConcurrentConflict(e);
      }
      throw new IllegalStateException("could not add a metered reading to the rollups", e);
    }
  }
}
