package io.tally.billing.finetune;

import static io.tally.billing.platform.Database.utc;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.BillingMode;
import io.tally.billing.api.CallPart;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.api.FineTuneService;
import io.tally.billing.api.FineTuneView;
import io.tally.billing.api.Money;
import io.tally.billing.platform.Database;
import io.tally.billing.pricing.PriceBook;
import io.tally.billing.pricing.Pricer;
import jakarta.annotation.Resource;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Starting, reading and completing fine-tuning jobs. A start is idempotent on the account's
 * requestId (the database's unique key decides); a completion charges the rest of the job's time
 * through the same readings as the timer, so the job's charges add up to its duration exactly.
 */
@Stateless
@LocalBean
@Local(FineTuneService.class)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FineTunes implements FineTuneService {

  static final String FAMILY = "finetune";

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  @Inject PriceBook book;

  @Inject Pricer pricer;

  @Inject Meter meter;

  @Override
  public StartResult start(long accountId, String requestId, String model) {
    try (Connection connection = dataSource.getConnection()) {
      Job earlier = Job.byRequest(connection, accountId, requestId);
      if (earlier != null) {
        return replay(earlier, model);
      }
      Instant now = meter.now();
      checkModel(model, now);
      checkCredit(connection, accountId);
      try {
        return new StartResult(insert(connection, accountId, requestId, model, now).view(), false);
      } catch (SQLException e) {
        if (Database.isDuplicateKey(e)) {
          return replay(Job.byRequest(connection, accountId, requestId), model);
        }
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not start a fine-tuning job", e);
    }
  }

  @Override
  public FineTuneView find(long jobId) {
    try (Connection connection = dataSource.getConnection()) {
      return Job.find(connection, jobId).view();
    } catch (SQLException e) {
      throw new IllegalStateException("could not read fine-tuning job " + jobId, e);
    }
  }

  @Override
  public FineTuneView complete(long jobId, Instant endedAt, String idempotencyKey) {
    Job job;
    try (Connection connection = dataSource.getConnection()) {
      job = Job.find(connection, jobId);
    } catch (SQLException e) {
      throw new IllegalStateException("could not read fine-tuning job " + jobId, e);
    }
    if (job.status() != Job.Status.RUNNING) {
      if (job.status() == Job.Status.COMPLETED
          && idempotencyKey != null
          && idempotencyKey.equals(job.completionKey())) {
        return job.view();
      }
      throw new BillingException(
          ErrorCode.FINE_TUNE_NOT_RUNNING,
          "fine-tuning job " + jobId + " is " + job.status() + ", not RUNNING");
    }
    Instant now = meter.now();
    // The meter counts whole milliseconds.
    Instant end = endedAt == null ? now : endedAt.truncatedTo(ChronoUnit.MILLIS);
    if (end.isAfter(now)) {
      throw BillingException.invalid(
          "endedAt", "endedAt must not be in the future (now " + now + ")");
    }
    if (end.isBefore(job.meteredUntil())) {
      throw BillingException.invalid(
          "endedAt",
          "endedAt must not be before "
              + job.meteredUntil()
              + ": the job's time up to then is already charged");
    }
    meter.meter(jobId, end, new Completion(idempotencyKey));
    return find(jobId);
  }

  /**
   * A start replayed under its requestId answers what the first start answered (the job as it
   * started: RUNNING, nothing metered or charged), whatever the job has done since; its state now
   * is {@code GET /fine-tunes/{id}}. Another model under the same requestId is a 422.
   */
  private static StartResult replay(Job earlier, String model) {
    if (!earlier.model().equals(model)) {
      throw new BillingException(
          ErrorCode.IDEMPOTENCY_KEY_REUSED,
          "requestId " + earlier.requestId() + " started a job of model " + earlier.model(),
          "requestId");
    }
    return new StartResult(earlier.asStarted().view(), true);
  }

  /** A fine-tuning model with a price in force now, or a 4xx naming {@code model}. */
  private void checkModel(String model, Instant now) {
    String family = book.prices(model, "model").model().family();
    if (!FAMILY.equals(family)) {
      throw new BillingException(
          ErrorCode.NOT_A_FINE_TUNE_MODEL,
          "model " + model + " is of family " + family + ", not " + FAMILY,
          "model");
    }
    pricer.price(new CallPart(model, 0L, Map.of()), now, "");
  }

  /**
   * The account exists and has something to spend: available (balance less holds) plus credit limit
   * above zero, so money held for authorized calls is not spent on a job.
   */
  private static void checkCredit(Connection connection, long accountId) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT balance, billing_mode, COALESCE(credit_limit, 0) - held FROM account"
                + " WHERE id = ?")) {
      select.setLong(1, accountId);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          throw new BillingException(
              ErrorCode.ACCOUNT_NOT_FOUND, "no account " + accountId, "accountId");
        }
        BigDecimal balance = row.getBigDecimal(1);
        if (balance.add(row.getBigDecimal(3)).signum() <= 0) {
          boolean postpaid = BillingMode.POSTPAID.name().equals(row.getString(2));
          throw new BillingException(
              postpaid ? ErrorCode.CREDIT_LIMIT_EXCEEDED : ErrorCode.OUT_OF_CREDITS,
              "the account has nothing left to spend on a fine-tuning job",
              null,
              Map.of("balance", Money.format(balance)));
        }
      }
    }
  }

  private static Job insert(
      Connection connection, long accountId, String requestId, String model, Instant now)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO fine_tune (account_id, request_id, model_id, status, started_at,"
                + " metered_until, charged) VALUES (?, ?, ?, 'RUNNING', ?, ?, 0)",
            Statement.RETURN_GENERATED_KEYS)) {
      insert.setLong(1, accountId);
      insert.setString(2, requestId);
      insert.setString(3, model);
      insert.setObject(4, utc(now));
      insert.setObject(5, utc(now));
      insert.executeUpdate();
      return new Job(
          Database.generatedId(insert),
          accountId,
          requestId,
          model,
          Job.Status.RUNNING,
          now,
          now,
          Money.ZERO,
          null,
          null);
    }
  }
}
