package io.tally.billing.web.support;

import io.tally.billing.platform.Database;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The notification rows stored for an account, oldest first, as {@code [{type, eventKey}]}: what a
 * test asserts was told, and how often. Exists only in the test WAR.
 */
@ApplicationScoped
@Path("test-support/stored-notifications")
public class StoredNotificationsResource {

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public String list(@QueryParam("accountId") long accountId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT type, event_key FROM notification WHERE account_id = ? ORDER BY id")) {
      select.setLong(1, accountId);
      JsonArrayBuilder rows = Json.createArrayBuilder();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          rows.add(
              Json.createObjectBuilder()
                  .add("type", row.getString(1))
                  .add("eventKey", row.getString(2)));
        }
      }
      return rows.build().toString();
    }
  }
}
