package io.tally.billing.finetune;

import static io.tally.billing.platform.Database.utc;

import io.tally.billing.ledger.BalanceLowered;
import io.tally.billing.ledger.ConcurrentConflict;
import io.tally.billing.metrics.BusinessMetrics;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs jobs' meters: the timer's work ({@link #meterRunning()}) reads many jobs per transaction
 * ({@link ReadingGroups}); a completion reads its one job, each reading its own transaction ({@link
 * Readings}). {@link BalanceLowered} is fired after each debit has committed, so auto-recharge and
 * low-balance notices see fine-tuning like any charge.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Meter {

  private static final Logger LOG = Logger.getLogger(Meter.class.getName());

  private static final int ATTEMPTS = 3;

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  @Inject Readings readings;

  @Inject ReadingGroups groups;

  @Inject BusinessMetrics metrics;

  /** The most jobs locked, and readings written, per transaction of the metering timer. */
  @Inject
  @ConfigProperty(name = "tally.jobs.fine-tunes.group-size", defaultValue = "100")
  int groupSize;

  @Inject Clock clock;

  @Inject AfterCommit afterCommit;

  /** Charges every running job's time up to now; answers how many jobs were metered. */
  public int meterRunning() {
    return meterRunning(now());
  }

  /**
   * Charges every running job's time up to {@code until}, many jobs' readings per transaction
   * ({@link ReadingGroups}): the due jobs in id order, {@code group-size} of them locked at a time
   * and at most that many readings per transaction, a job with time left going round again. A round
   * that fails for another reason than a conflict is done again job by job, so one job failing (its
   * price, say) fails alone, as it did before.
   */
  public int meterRunning(Instant until) {
    List<Long> due = due(until);
    List<Long> pending = new ArrayList<>(due);
    Set<Long> failed = new HashSet<>();
    while (!pending.isEmpty()) {
      List<Long> ids =
          List.copyOf(pending.subList(0, Math.min(Math.max(1, groupSize), pending.size())));
      List<Long> rest = new ArrayList<>(pending.subList(ids.size(), pending.size()));
      try {
        ReadingGroups.Round round = round(ids, until);
        if (round.readings() > 0) {
          metrics.readingGroup(round.readings());
        }
        round.lowered().forEach(afterCommit::fire);
        rest.addAll(0, round.more());
      } catch (RuntimeException e) {
        for (long id : ids) {
          if (!meterAlone(id, until)) {
            failed.add(id);
          }
        }
      }
      pending = rest;
    }
    return due.size() - failed.size();
  }

  private boolean meterAlone(long id, Instant until) {
    try {
      meter(id, until, null);
      return true;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not meter fine-tuning job " + id + "; next firing retries", e);
      return false;
    }
  }

  /** One round; a deadlock victim is retried (the round rolled back whole). */
  private ReadingGroups.Round round(List<Long> ids, Instant until) {
    for (int attempt = 1; ; attempt++) {
      try {
        return groups.next(ids, until, Math.max(1, groupSize));
      } catch (ConcurrentConflict conflict) {
        if (attempt == ATTEMPTS) {
          throw conflict;
        }
      }
    }
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
