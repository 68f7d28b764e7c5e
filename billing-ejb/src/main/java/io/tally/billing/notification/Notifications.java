package io.tally.billing.notification;

import static io.tally.billing.platform.Database.utc;

import io.tally.billing.platform.Database;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * Records notices. A notice joins the caller's transaction, so it exists exactly when the fact it
 * tells of committed; its event key makes a repeat a no-op, decided by the database's unique key.
 */
@Stateless
public class Notifications {

  private static final String INSERT =
      "INSERT INTO notification (account_id, type, event_key, subject, body, created_at)"
          + " VALUES (?, ?, ?, ?, ?, ?)";

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  @Inject Clock clock;

  /** Stores {@code notice}; answers false when its event key was told before. */
  public boolean tell(Notice notice) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(INSERT)) {
      insert.setLong(1, notice.accountId());
      insert.setString(2, notice.type().name());
      insert.setString(3, notice.eventKey());
      insert.setString(4, notice.subject());
      insert.setString(5, notice.body());
      insert.setObject(6, utc(clock.instant()));
      insert.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (Database.isDuplicateKey(e)) {
        return false;
      }
      throw new IllegalStateException("could not store a notification", e);
    }
  }
}
