package io.tally.billing.finetune;

import static io.tally.billing.platform.Database.utc;

import io.tally.billing.api.CallPart;
import io.tally.billing.ledger.BalanceLowered;
import io.tally.billing.ledger.ConcurrentConflict;
import io.tally.billing.ledger.MeteredBatch;
import io.tally.billing.ledger.MeteredDebit;
import io.tally.billing.notification.Notifications;
import io.tally.billing.platform.Database;
import io.tally.billing.pricing.Pricer;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Many jobs' readings in one transaction, for the metering timer: the jobs are locked in id order,
 * then their accounts ({@link MeteredBatch}, in id order, as a single reading locks job then
 * account), and each job is read as {@link Readings#next} reads it, reading after reading, until it
 * reaches {@code until}, its account can no longer pay (it is suspended, exactly as a single
 * reading suspends it), or the round's budget of readings is spent. The money, the rollups and the
 * jobs' progress are then written with a handful of statements whatever the number of readings.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ReadingGroups {

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  @Inject Pricer pricer;

  @Inject Notifications notifications;

  @Inject Clock clock;

  /**
   * What a round did: the jobs that still have time to meter (in id order), the debits to announce
   * once it committed, and how many readings it took.
   */
  public record Round(List<Long> more, List<BalanceLowered> lowered, int readings) {}

  /** A job's progress in the round. */
  private record Progress(Job job, Instant to, BigDecimal charged, boolean suspended) {}

  /** Reads the jobs {@code ids} up to {@code until}, at most {@code budget} readings in all. */
  public Round next(List<Long> ids, Instant until, int budget) {
    try (Connection connection = dataSource.getConnection()) {
      List<Job> jobs =
          Job.lockAll(connection, ids).stream()
              .filter(job -> job.status() == Job.Status.RUNNING)
              .filter(job -> job.meteredUntil().isBefore(until))
              .toList();
      MeteredBatch batch =
          MeteredBatch.lock(
              connection, jobs.stream().map(Job::accountId).toList(), clock.instant());
      List<Long> more = new ArrayList<>();
      List<BalanceLowered> lowered = new ArrayList<>();
      List<Progress> progress = new ArrayList<>();
      int left = budget;
      for (Job job : jobs) {
        Instant from = job.meteredUntil();
        BigDecimal charged = BigDecimal.ZERO;
        boolean suspended = false;
        while (left > 0 && from.isBefore(until) && !suspended) {
          Instant to = Readings.end(from, until);
          long durationMs = Duration.between(from, to).toMillis();
          BigDecimal amount = price(job, durationMs);
          Optional<BigDecimal> balance = batch.debit(debit(job, from, to, amount, durationMs));
          left--;
          charged = charged.add(amount);
          from = to;
          Readings.lowered(job, amount, balance).ifPresent(lowered::add);
          if (balance.isPresent() && !batch.canPay(job.accountId())) {
            suspended = true;
            notifications.tell(Readings.suspended(job, balance.get()));
          }
        }
        if (!from.equals(job.meteredUntil())) {
          progress.add(new Progress(job, from, charged, suspended));
        }
        if (!suspended && from.isBefore(until)) {
          more.add(job.id());
        }
      }
      batch.write(connection);
      advance(connection, progress);
      return new Round(more, lowered, budget - left);
    } catch (SQLException e) {
      if (Database.isRetryable(e)) {
        throw new ConcurrentConflict(e);
      }
      throw new IllegalStateException("could not meter fine-tuning jobs " + ids, e);
    }
  }

  private static MeteredDebit debit(
      Job job, Instant from, Instant to, BigDecimal amount, long durationMs) {
    return new MeteredDebit(
        job.accountId(),
        job.model(),
        amount,
        durationMs,
        LocalDate.ofInstant(from, ZoneOffset.UTC),
        from.equals(job.startedAt()),
        "fine-tuning job " + job.id() + " (" + job.model() + "): " + from + " to " + to,
        "fine-tune:" + job.id() + ":" + from.toEpochMilli());
  }

  /** Priced by the model's plugin at the price in force when the job started. */
  private BigDecimal price(Job job, long durationMs) {
    return pricer
        .price(new CallPart(job.model(), durationMs, Map.of()), job.startedAt(), "")
        .amount();
  }

  /** One UPDATE of every job read: how far it is metered, what it cost, and its suspension. */
  private static void advance(Connection connection, List<Progress> progress) throws SQLException {
    if (progress.isEmpty()) {
      return;
    }
    String cases = " CASE id" + " WHEN ? THEN ?".repeat(progress.size()) + " END";
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE fine_tune SET metered_until ="
                + cases
                + ", charged = charged +"
                + cases
                + ", status ="
                + cases
                + " WHERE id IN ("
                + String.join(", ", java.util.Collections.nCopies(progress.size(), "?"))
                + ")")) {
      int next = 1;
      for (Progress job : progress) {
        update.setLong(next++, job.job().id());
        update.setObject(next++, utc(job.to()));
      }
      for (Progress job : progress) {
        update.setLong(next++, job.job().id());
        update.setBigDecimal(next++, job.charged());
      }
      for (Progress job : progress) {
        update.setLong(next++, job.job().id());
        update.setString(
            next++,
            (job.suspended() ? Job.Status.SUSPENDED_OUT_OF_CREDITS : Job.Status.RUNNING).name());
      }
      for (Progress job : progress) {
        update.setLong(next++, job.job().id());
      }
      update.executeUpdate();
    }
  }
}
