package io.tally.billing.finetune;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.api.FineTuneView;
import io.tally.billing.api.Money;
import io.tally.billing.platform.Database;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A fine-tuning job's row, read with plain JDBC so that it can be locked in a metering step. */
record Job(
    long id,
    long accountId,
    String requestId,
    String model,
    Status status,
    Instant startedAt,
    Instant meteredUntil,
    BigDecimal charged,
    Instant endedAt,
    String completionKey) {

  /** Where a job is. Only a running job is metered. */
  enum Status {
    RUNNING,
    COMPLETED,
    SUSPENDED_OUT_OF_CREDITS
  }

  private static final String SELECT =
      "SELECT id, account_id, request_id, model_id, status, started_at, metered_until, charged,"
          + " ended_at, completion_key FROM fine_tune ";

  /** The job, or a 404. */
  static Job find(Connection connection, long id) throws SQLException {
    return one(connection, SELECT + "WHERE id = ?", id);
  }

  /** The job, locked until the transaction ends, or a 404. */
  static Job lock(Connection connection, long id) throws SQLException {
    return one(connection, SELECT + "WHERE id = ? FOR UPDATE", id);
  }

  /** The jobs among {@code ids} that exist, locked in id order until the transaction ends. */
  static List<Job> lockAll(Connection connection, List<Long> ids) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            SELECT
                + "WHERE id IN ("
                + String.join(", ", Collections.nCopies(ids.size(), "?"))
                + ") ORDER BY id FOR UPDATE")) {
      for (int i = 0; i < ids.size(); i++) {
        select.setLong(i + 1, ids.get(i));
      }
      List<Job> jobs = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          jobs.add(read(row));
        }
      }
      return jobs;
    }
  }

  /** The job an account started under {@code requestId}, if any. */
  static Job byRequest(Connection connection, long accountId, String requestId)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(SELECT + "WHERE account_id = ? AND request_id = ?")) {
      select.setLong(1, accountId);
      select.setString(2, requestId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? read(row) : null;
      }
    }
  }

  private static Job one(Connection connection, String sql, long id) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setLong(1, id);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          throw new BillingException(ErrorCode.FINE_TUNE_NOT_FOUND, "no fine-tuning job " + id);
        }
        return read(row);
      }
    }
  }

  private static Job read(ResultSet row) throws SQLException {
    return new Job(
        row.getLong(1),
        row.getLong(2),
        row.getString(3),
        row.getString(4),
        Status.valueOf(row.getString(5)),
        time(row, 6),
        time(row, 7),
        row.getBigDecimal(8),
        time(row, 9),
        row.getString(10));
  }

  private static Instant time(ResultSet row, int column) throws SQLException {
    LocalDateTime value = row.getObject(column, LocalDateTime.class);
    return value == null ? null : Database.instant(value);
  }

  /** The job as its start answered it: running since {@code startedAt}, nothing metered. */
  Job asStarted() {
    return new Job(
        id,
        accountId,
        requestId,
        model,
        Status.RUNNING,
        startedAt,
        startedAt,
        Money.ZERO,
        null,
        null);
  }

  FineTuneView view() {
    return new FineTuneView(
        id,
        requestId,
        accountId,
        model,
        status.name(),
        startedAt.toString(),
        Duration.between(startedAt, meteredUntil).toMillis(),
        Money.format(charged),
        endedAt == null ? null : endedAt.toString());
  }
}
