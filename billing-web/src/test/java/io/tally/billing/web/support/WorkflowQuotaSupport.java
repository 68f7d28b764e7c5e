package io.tally.billing.web.support;

import io.tally.billing.platform.Database;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Sets how many API workflow runs an account has used this period, so a test starts near its plan's
 * quota instead of running a thousand workflows. Exists only in the test WAR.
 */
@ApplicationScoped
@Path("test-support/workflow-quota")
public class WorkflowQuotaSupport {

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  @PUT
  @Path("{accountId}/used")
  @Produces(MediaType.TEXT_PLAIN)
  public String setUsed(@PathParam("accountId") long accountId, @QueryParam("value") int value)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement("UPDATE account SET workflow_used = ? WHERE id = ?")) {
      update.setInt(1, value);
      update.setLong(2, accountId);
      return Integer.toString(update.executeUpdate());
    }
  }
}
