package io.tally.billing.notification;

import static io.tally.billing.platform.Database.utc;

import io.tally.billing.platform.Database;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * The delivery rows, claimed and settled by single conditional statements that commit at once (no
 * transaction spans a send). A claim sets the row to {@code SENDING} under a token only where it is
 * still {@code PENDING} and due, so two runs — two timers, a timer and a kick, two servers — never
 * both get it; only the claiming run may record the outcome. The claim is a lease on the database's
 * clock: a row whose sender died is handed out again when the lease ends.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Outbox {

  /** Long enough for any send (SMTP and webhook time out well before). */
  private static final int LEASE_SECONDS = 300;

  private static final int ATTEMPTS = 5;

  private static final String CLAIM =
      "UPDATE notification_delivery SET state = 'SENDING', claim = ?, attempts = attempts + 1,"
          + " claimed_until = UTC_TIMESTAMP(6) + INTERVAL "
          + LEASE_SECONDS
          + " SECOND WHERE state = 'PENDING' AND next_attempt_at <= ?"
          + " ORDER BY next_attempt_at LIMIT ?";

  private static final String CLAIMED =
      "SELECT d.id, d.channel, d.attempts, n.id, n.account_id, n.type, n.subject, n.body,"
          + " n.created_at, a.email, w.url, w.secret, w.enabled"
          + " FROM notification_delivery d JOIN notification n ON n.id = d.notification_id"
          + " JOIN account a ON a.id = n.account_id"
          + " LEFT JOIN webhook w ON w.account_id = n.account_id"
          + " WHERE d.claim = ? AND d.state = 'SENDING' ORDER BY d.id";

  private static final String RELEASE_STALE =
      "UPDATE notification_delivery SET state = 'PENDING', claim = NULL, claimed_until = NULL"
          + " WHERE state = 'SENDING' AND claimed_until < UTC_TIMESTAMP(6)";

  private static final String SETTLE =
      "UPDATE notification_delivery SET state = ?, next_attempt_at = COALESCE(?, next_attempt_at),"
          + " sent_at = ?, last_error = ?, claim = NULL, claimed_until = NULL"
          + " WHERE id = ? AND claim = ?";

  /** Rides the (state, next_attempt_at) index: a range over the undelivered rows only. */
  private static final String DEPTH =
      "SELECT COUNT(*) FROM notification_delivery WHERE state IN ('PENDING', 'SENDING')";

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  /** Hands rows whose sender's lease ran out back to the queue; answers how many. */
  public int releaseStale() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement release = connection.prepareStatement(RELEASE_STALE)) {
      return retrying(release);
    } catch (SQLException e) {
      throw new IllegalStateException("could not release stale deliveries", e);
    }
  }

  /** How many deliveries wait or are being sent. */
  public long depth() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement count = connection.prepareStatement(DEPTH);
        ResultSet rows = count.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("could not count the outbox", e);
    }
  }

  /** Claims up to {@code max} deliveries due at {@code now} for this run, oldest due first. */
  public List<Delivery> claim(Instant now, int max) {
    String token = UUID.randomUUID().toString();
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
        claim.setString(1, token);
        claim.setObject(2, utc(now));
        claim.setInt(3, max);
        if (retrying(claim) == 0) {
          return List.of();
        }
      }
      try (PreparedStatement read = connection.prepareStatement(CLAIMED)) {
        read.setString(1, token);
        try (ResultSet rows = read.executeQuery()) {
          List<Delivery> claimed = new ArrayList<>();
          while (rows.next()) {
            claimed.add(delivery(rows, token));
          }
          return claimed;
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not claim deliveries", e);
    }
  }

  public void sent(Delivery delivery, Instant now) {
    settle(delivery, "SENT", null, now, null);
  }

  /** Another attempt at {@code next}, or none ({@code FAILED}) when {@code next} is null. */
  public void failed(Delivery delivery, Instant next, String error) {
    settle(delivery, next == null ? "FAILED" : "PENDING", next, null, error);
  }

  /** Not sent, and never will be: {@code SKIPPED} (mail off) or {@code CANCELED} (no webhook). */
  public void dropped(Delivery delivery, String state, String reason) {
    settle(delivery, state, null, null, reason);
  }

  private void settle(Delivery delivery, String state, Instant next, Instant sentAt, String error) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement settle = connection.prepareStatement(SETTLE)) {
      settle.setString(1, state);
      settle.setObject(2, next == null ? null : utc(next));
      settle.setObject(3, sentAt == null ? null : utc(sentAt));
      settle.setString(4, error == null ? null : truncate(error));
      settle.setLong(5, delivery.id());
      settle.setString(6, delivery.claim());
      retrying(settle);
    } catch (SQLException e) {
      throw new IllegalStateException("could not record a delivery's outcome", e);
    }
  }

  /**
   * Runs one autocommitted statement, again when the database chose it as a deadlock victim: claims
   * and settlements touch the same index from several runs at once, and a settlement lost after a
   * send would send it again when the lease ends. A victim's statement was rolled back whole, so
   * running it again is safe.
   */
  private static int retrying(PreparedStatement statement) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try {
        return statement.executeUpdate();
      } catch (SQLException e) {
        if (attempt == ATTEMPTS || !Database.isRetryable(e)) {
          throw e;
        }
        pause(attempt);
      }
    }
  }

  private static void pause(int attempt) throws SQLException {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20) * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while retrying a deadlocked statement", e);
    }
  }

  private static Delivery delivery(ResultSet row, String token) throws SQLException {
    return new Delivery(
        row.getLong(1),
        Delivery.Channel.valueOf(row.getString(2)),
        token,
        row.getInt(3),
        row.getLong(4),
        row.getLong(5),
        row.getString(6),
        row.getString(7),
        row.getString(8),
        Database.instant(row.getObject(9, java.time.LocalDateTime.class)),
        row.getString(10),
        row.getString(11),
        row.getString(12),
        row.getBoolean(13));
  }

  private static String truncate(String error) {
    return error.length() <= 500 ? error : error.substring(0, 500);
  }
}
