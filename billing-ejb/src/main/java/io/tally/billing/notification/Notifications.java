package io.tally.billing.notification;

import static io.tally.billing.platform.Database.utc;

import io.tally.billing.platform.Database;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDateTime;
import javax.sql.DataSource;

/**
 * Records notices. A notice joins the caller's transaction, so it exists exactly when the fact it
 * tells of committed; its event key makes a repeat a no-op, decided by the database's unique key.
 * With the notice it writes its deliveries (the outbox): an e-mail, and a webhook call when the
 * account has an enabled webhook. After the transaction commits the delivery job is woken, so the
 * e-mail leaves within seconds.
 */
@Stateless
public class Notifications {

  private static final String INSERT =
      "INSERT INTO notification (account_id, type, event_key, subject, body, created_at)"
          + " VALUES (?, ?, ?, ?, ?, ?)";

  /** One round trip for both channels: the webhook row only where an enabled webhook exists. */
  private static final String DELIVERIES =
      "INSERT INTO notification_delivery (notification_id, channel, state, next_attempt_at,"
          + " created_at) SELECT ?, 'EMAIL', ?, ?, ? UNION ALL SELECT ?, 'WEBHOOK', 'PENDING', ?, ?"
          + " FROM webhook WHERE account_id = ? AND enabled";

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  @Inject Clock clock;

  @Inject Mailer mailer;

  @Inject Event<NoticeStored> stored;

  /** Stores {@code notice}; answers false when its event key was told before. */
  public boolean tell(Notice notice) {
    LocalDateTime now = utc(clock.instant());
    long id;
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement insert =
          connection.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS)) {
        insert.setLong(1, notice.accountId());
        insert.setString(2, notice.type().name());
        insert.setString(3, notice.eventKey());
        insert.setString(4, notice.subject());
        insert.setString(5, notice.body());
        insert.setObject(6, now);
        insert.executeUpdate();
        id = Database.generatedId(insert);
      }
      try (PreparedStatement deliveries = connection.prepareStatement(DELIVERIES)) {
        deliveries.setLong(1, id);
        deliveries.setString(2, mailer.enabled() ? "PENDING" : "SKIPPED");
        deliveries.setObject(3, now);
        deliveries.setObject(4, now);
        deliveries.setLong(5, id);
        deliveries.setObject(6, now);
        deliveries.setObject(7, now);
        deliveries.setLong(8, notice.accountId());
        deliveries.executeUpdate();
      }
    } catch (SQLException e) {
      if (Database.isDuplicateKey(e)) {
        return false;
      }
      throw new IllegalStateException("could not store a notification", e);
    }
    stored.fire(new NoticeStored(id));
    return true;
  }
}
