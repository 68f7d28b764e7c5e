package io.tally.billing.finetune;

import static io.tally.billing.platform.Database.utc;

import io.tally.billing.ledger.BalanceLowered;
import io.tally.billing.ledger.ConcurrentConflict;
import io.tally.billing.platform.AfterCommit;
import io.tally.billing.platform.Database;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Runs jobs' meters: each reading is its own transaction ({@link Readings}), and {@link
 * BalanceLowered} is fired after each debit has committed, so auto-recharge and low-balance notices
 * see fine-tuning like any charge. The timer's work is {@link #meterRunning()}.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Meter {

  private static final Logger LOG = Logger.getLogger(Meter.class.getName());

  private static final int ATTEMPTS = 3;

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  @Inject Readings readings;

  @Inject Clock clock;

  @Inject AfterCommit afterCommit;

  /** Charges every running job's time up to now; answers how many jobs were metered. */
  public int meterRunning() {
    return meterRunning(now());
  }

  /** Charges every running job's time up to {@code until}, one job failing alone. */
  public int meterRunning(Instant until) {
    int metered = 0;
    for (long id : due(until)) {
      try {
        meter(id, until, null);
        metered++;
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING, "could not meter fine-tuning job " + id + "; next firing retries", e);
      }
    }
    return metered;
  }

  /** Charges job {@code id} up to {@code until} reading by reading; completes it if asked. */
  public void meter(long id, Instant until, Completion completion) {
    Readings.Reading reading;
    do {
      reading = read(id, until, completion);
      reading.lowered().ifPresent(afterCommit::fire);
    } while (reading.more());
  }

  /** One reading; a deadlock victim is retried (the reading rolled back whole). */
  private Readings.Reading read(long id, Instant until, Completion completion) {
    for (int attempt = 1; ; attempt++) {
      try {
        return readings.next(id, until, completion);
      } catch (ConcurrentConflict conflict) {
        if (attempt == ATTEMPTS) {
          throw conflict;
        }
      }
    }
  }

  /** Now, in whole milliseconds: the meter's unit. */
  public Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private List<Long> due(Instant until) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT id FROM fine_tune WHERE status = 'RUNNING' AND metered_until < ?"
                    + " ORDER BY id")) {
      select.setObject(1, utc(until));
      List<Long> ids = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getLong(1));
        }
      }
      return ids;
    } catch (SQLException e) {
      throw new IllegalStateException("could not list running fine-tuning jobs", e);
    }
  }
}
