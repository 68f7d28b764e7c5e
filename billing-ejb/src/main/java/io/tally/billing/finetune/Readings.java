package io.tally.billing.finetune;

import static io.tally.billing.platform.Database.utc;

import io.tally.billing.api.CallPart;
import io.tally.billing.api.Money;
import io.tally.billing.api.NotificationType;
import io.tally.billing.ledger.BalanceLowered;
import io.tally.billing.ledger.ConcurrentConflict;
import io.tally.billing.ledger.MeteredDebit;
import io.tally.billing.ledger.MeteredWriter;
import io.tally.billing.notification.Notice;
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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * One reading of one job's meter per transaction: lock the job, charge the time from {@code
 * metered_until} onward (at most a minute, never across a UTC midnight), advance {@code
 * metered_until}, and suspend the job when the account can no longer pay. Locking the row makes two
 * firings take turns; the second finds the time already charged.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class Readings {

  /** The most one reading charges: a job never runs more than a minute past the money. */
  static final Duration MAX_READING = Duration.ofMinutes(1);

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  @Inject Pricer pricer;

  @Inject MeteredWriter writer;

  @Inject Notifications notifications;

  /** Whether the job may run further, and the debit to announce once this reading committed. */
  public record Reading(boolean more, Optional<BalanceLowered> lowered) {

    static Reading done() {
      return new Reading(false, Optional.empty());
    }
  }

  /**
   * Takes the next reading of job {@code id} up to {@code until}; with a {@code completion}, the
   * reading that reaches {@code until} also completes the job.
   */
  public Reading next(long id, Instant until, Completion completion) {
    try (Connection connection = dataSource.getConnection()) {
      Job job = Job.lock(connection, id);
      if (job.status() != Job.Status.RUNNING) {
        return Reading.done();
      }
      Instant from = job.meteredUntil();
      if (!from.isBefore(until)) {
        if (completion != null) {
          complete(connection, id, until, completion);
        }
        return Reading.done();
      }
      Instant to = end(from, until);
      BigDecimal amount = price(job, Duration.between(from, to).toMillis());
      Optional<BigDecimal> balance =
          writer.debit(
              new MeteredDebit(
                  job.accountId(),
                  job.model(),
                  amount,
                  Duration.between(from, to).toMillis(),
                  LocalDate.ofInstant(from, ZoneOffset.UTC),
                  from.equals(job.startedAt()),
                  "fine-tuning job " + id + " (" + job.model() + "): " + from + " to " + to,
                  "fine-tune:" + id + ":" + from.toEpochMilli()));
      advance(connection, id, to, amount);
      if (balance.isPresent() && !canPay(connection, job.accountId(), balance.get())) {
        suspend(connection, job, balance.get());
        return new Reading(false, lowered(job, amount, balance));
      }
      boolean reachedEnd = to.equals(until);
      if (reachedEnd && completion != null) {
        complete(connection, id, until, completion);
      }
      return new Reading(!reachedEnd, lowered(job, amount, balance));
    } catch (SQLException e) {
      if (Database.isRetryable(e)) {
        throw new ConcurrentConflict(e);
      }
      throw new IllegalStateException("could not meter fine-tuning job " + id, e);
    }
  }

  /** The reading's end: a minute at most, no later than {@code until}, within one UTC day. */
  static Instant end(Instant from, Instant until) {
    Instant midnight =
        LocalDate.ofInstant(from, ZoneOffset.UTC)
            .plusDays(1)
            .atStartOfDay(ZoneOffset.UTC)
            .toInstant();
    Instant to = from.plus(MAX_READING);
    to = to.isAfter(until) ? until : to;
    return to.isAfter(midnight) ? midnight : to;
  }

  /** Priced by the model's plugin at the price in force when the job started. */
  private BigDecimal price(Job job, long durationMs) {
    return pricer
        .price(new CallPart(job.model(), durationMs, Map.of()), job.startedAt(), "")
        .amount();
  }

  private static void advance(Connection connection, long id, Instant to, BigDecimal amount)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE fine_tune SET metered_until = ?, charged = charged + ? WHERE id = ?")) {
      update.setObject(1, utc(to));
      update.setBigDecimal(2, amount);
      update.setLong(3, id);
      update.executeUpdate();
    }
  }

  /**
   * Whether the account has anything left to spend: balance less holds plus its credit limit above
   * zero (money held for authorized calls is theirs).
   */
  private static boolean canPay(Connection connection, long accountId, BigDecimal balance)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT COALESCE(credit_limit, 0) - held FROM account WHERE id = ?")) {
      select.setLong(1, accountId);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return balance.add(row.getBigDecimal(1)).signum() > 0;
      }
    }
  }

  private void suspend(Connection connection, Job job, BigDecimal balance) throws SQLException {
    setStatus(connection, job.id(), Job.Status.SUSPENDED_OUT_OF_CREDITS);
    notifications.tell(suspended(job, balance));
  }

  /** What the customer is told when a job stops for want of money. */
  static Notice suspended(Job job, BigDecimal balance) {
    return new Notice(
        job.accountId(),
        NotificationType.FINE_TUNE_SUSPENDED,
        "fine-tune-suspended:" + job.id(),
        "Fine-tuning job " + job.id() + " stopped: out of credits",
        "Your fine-tuning job "
            + job.id()
            + " ("
            + job.model()
            + ", request "
            + job.requestId()
            + ") was stopped because your account ran out of credits (balance "
            + Money.format(balance)
            + "). Add credit and start it again.");
  }

  private static void complete(
      Connection connection, long id, Instant endedAt, Completion completion) throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE fine_tune SET status = ?, ended_at = ?, completion_key = ? WHERE id = ?")) {
      update.setString(1, Job.Status.COMPLETED.name());
      update.setObject(2, utc(endedAt));
      update.setString(3, completion.idempotencyKey());
      update.setLong(4, id);
      update.executeUpdate();
    }
  }

  private static void setStatus(Connection connection, long id, Job.Status status)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement("UPDATE fine_tune SET status = ? WHERE id = ?")) {
      update.setString(1, status.name());
      update.setLong(2, id);
      update.executeUpdate();
    }
  }

  static Optional<BalanceLowered> lowered(
      Job job, BigDecimal amount, Optional<BigDecimal> balance) {
    return balance.map(
        after -> new BalanceLowered(job.accountId(), amount, after, "fine-tuning job " + job.id()));
  }
}
