package io.tally.billing.notification;

import static io.tally.billing.platform.Database.utc;

import io.tally.billing.api.AuditAction;
import io.tally.billing.api.BillingException;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.api.NotificationPage;
import io.tally.billing.api.NotificationService;
import io.tally.billing.api.WebhookView;
import io.tally.billing.audit.AuditTrail;
import io.tally.billing.audit.Change;
import io.tally.billing.platform.Database;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.net.URI;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Reading an account's notifications, and keeping its webhook endpoint. */
@Stateless
public class NotificationCenter implements NotificationService {

  private static final String PAGE =
      "SELECT n.id, n.type, n.subject, n.body, n.created_at, e.state, e.attempts, w.state,"
          + " w.attempts FROM notification n"
          + " LEFT JOIN notification_delivery e ON e.notification_id = n.id AND e.channel = 'EMAIL'"
          + " LEFT JOIN notification_delivery w"
          + "   ON w.notification_id = n.id AND w.channel = 'WEBHOOK'"
          + " WHERE n.account_id = ? AND n.id < ? ORDER BY n.id DESC LIMIT ?";

  private static final String WEBHOOK =
      "SELECT url, enabled, created_at, updated_at FROM webhook WHERE account_id = ?";

  private static final String CREATE_WEBHOOK =
      "INSERT INTO webhook (account_id, url, enabled, secret, created_at, updated_at)"
          + " VALUES (?, ?, ?, ?, ?, ?)";

  private static final String UPDATE_WEBHOOK =
      "UPDATE webhook SET url = ?, enabled = ?, updated_at = ? WHERE account_id = ?";

  /** 256 random bits. */
  private static final int SECRET_BYTES = 32;

  private static final SecureRandom RANDOM = new SecureRandom();

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  @Inject Clock clock;

  @Inject WebhookTargets targets;

  @Inject AuditTrail audit;

  @Override
  public NotificationPage notifications(long accountId, int limit, Long cursor) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement page = connection.prepareStatement(PAGE)) {
      page.setLong(1, accountId);
      page.setLong(2, cursor == null ? Long.MAX_VALUE : cursor);
      page.setInt(3, limit + 1);
      List<NotificationPage.Item> items = new ArrayList<>();
      try (ResultSet rows = page.executeQuery()) {
        while (rows.next()) {
          items.add(item(rows));
        }
      }
      boolean more = items.size() > limit;
      List<NotificationPage.Item> shown = more ? items.subList(0, limit) : items;
      String next = more ? Long.toString(shown.get(shown.size() - 1).id()) : null;
      return new NotificationPage(List.copyOf(shown), next);
    } catch (SQLException e) {
      throw new IllegalStateException("could not read notifications", e);
    }
  }

  @Override
  public WebhookView webhook(long accountId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement read = connection.prepareStatement(WEBHOOK)) {
      read.setLong(1, accountId);
      try (ResultSet row = read.executeQuery()) {
        if (!row.next()) {
          throw noWebhook(accountId);
        }
        return new WebhookView(
            row.getString(1),
            row.getBoolean(2),
            null,
            Database.format(row.getObject(3, LocalDateTime.class)),
            Database.format(row.getObject(4, LocalDateTime.class)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the webhook", e);
    }
  }

  /**
   * Creates the endpoint with a new secret (the URL is a well-formed http or https URL; whether it
   * points inward is checked here, where the configuration is), or — when the account has one, as
   * the unique key says — changes its url and enabled flag and keeps its secret.
   */
  @Override
  public WebhookView saveWebhook(long accountId, String url, boolean enabled) {
    targets.checkRegistered(URI.create(url));
    LocalDateTime now = utc(clock.instant());
    try (Connection connection = dataSource.getConnection()) {
      Map<String, Object> before = endpoint(connection, accountId);
      String secret = newSecret();
      try (PreparedStatement create = connection.prepareStatement(CREATE_WEBHOOK)) {
        create.setLong(1, accountId);
        create.setString(2, url);
        create.setBoolean(3, enabled);
        create.setString(4, secret);
        create.setObject(5, now);
        create.setObject(6, now);
        create.executeUpdate();
        audit.record(webhookChange(accountId, null, url, enabled));
        String at = Database.format(now);
        return new WebhookView(url, enabled, secret, at, at);
      } catch (SQLException e) {
        if (!Database.isDuplicateKey(e)) {
          throw e;
        }
      }
      try (PreparedStatement update = connection.prepareStatement(UPDATE_WEBHOOK)) {
        update.setString(1, url);
        update.setBoolean(2, enabled);
        update.setObject(3, now);
        update.setLong(4, accountId);
        update.executeUpdate();
      }
      if (!before.equals(Change.state("url", url, "enabled", enabled))) {
        audit.record(webhookChange(accountId, before, url, enabled));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not save the webhook", e);
    }
    return webhook(accountId);
  }

  @Override
  public void deleteWebhook(long accountId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement delete =
            connection.prepareStatement("DELETE FROM webhook WHERE account_id = ?")) {
      Map<String, Object> before = endpoint(connection, accountId);
      delete.setLong(1, accountId);
      if (delete.executeUpdate() == 0) {
        throw noWebhook(accountId);
      }
      audit.record(
          new Change(
              AuditAction.WEBHOOK_DELETED,
              Long.toString(accountId),
              accountId,
              before,
              null,
              null));
    } catch (SQLException e) {
      throw new IllegalStateException("could not remove the webhook", e);
    }
  }

  /** The endpoint's URL and flag under its row lock (never its secret); empty when none. */
  private static Map<String, Object> endpoint(Connection connection, long accountId)
      throws SQLException {
    try (PreparedStatement read =
        connection.prepareStatement(
            "SELECT url, enabled FROM webhook WHERE account_id = ? FOR UPDATE")) {
      read.setLong(1, accountId);
      try (ResultSet row = read.executeQuery()) {
        return row.next()
            ? Change.state("url", row.getString(1), "enabled", row.getBoolean(2))
            : Map.of();
      }
    }
  }

  private static Change webhookChange(
      long accountId, Map<String, Object> before, String url, boolean enabled) {
    return new Change(
        AuditAction.WEBHOOK_CHANGED,
        Long.toString(accountId),
        accountId,
        before,
        Change.state("url", url, "enabled", enabled),
        null);
  }

  private static NotificationPage.Item item(ResultSet row) throws SQLException {
    return new NotificationPage.Item(
        row.getLong(1),
        row.getString(2),
        row.getString(3),
        row.getString(4),
        Database.format(row.getObject(5, LocalDateTime.class)),
        delivery(row, 6),
        delivery(row, 8));
  }

  private static NotificationPage.Delivery delivery(ResultSet row, int column) throws SQLException {
    String state = row.getString(column);
    return state == null ? null : new NotificationPage.Delivery(state, row.getInt(column + 1));
  }

  private static String newSecret() {
    byte[] bytes = new byte[SECRET_BYTES];
    RANDOM.nextBytes(bytes);
    return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static BillingException noWebhook(long accountId) {
    return new BillingException(
        ErrorCode.WEBHOOK_NOT_FOUND, "account " + accountId + " has no webhook");
  }
}
