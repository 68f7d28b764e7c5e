package io.tally.billing.web.support;

import io.tally.billing.platform.Database;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * Writes usage rollups straight into the database, so a test can give an account a million calls
 * (what the usage page reads) without making a million charges. Exists only in the test WAR.
 */
@Path("test-support/rollups")
public class TestRollupResource {

  @Resource(lookup = Database.JNDI_NAME)
  DataSource database;

  @Inject Clock clock;

  /**
   * Spreads {@code calls} over {@code models} models and every day of this month up to today, each
   * call lasting {@code durationMs} and costing {@code pricePerCall}. Answers the rows written.
   */
  @POST
  @Produces(MediaType.TEXT_PLAIN)
  public String seed(
      @QueryParam("account") long account,
      @QueryParam("calls") long calls,
      @QueryParam("models") int models,
      @QueryParam("durationMs") long durationMs,
      @QueryParam("pricePerCall") BigDecimal pricePerCall)
      throws SQLException {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    int days = today.getDayOfMonth();
    long rows = (long) days * models;
    int written = 0;
    try (Connection connection = database.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO usage_rollup (account_id, day, model_id, calls, total_duration_ms,"
                    + " amount) VALUES (?, ?, ?, ?, ?, ?)")) {
      for (int day = 0; day < days; day++) {
        for (int model = 0; model < models; model++) {
          long share = calls / rows + (written < calls % rows ? 1 : 0);
          insert.setLong(1, account);
          insert.setDate(2, Date.valueOf(today.withDayOfMonth(day + 1)));
          insert.setString(3, "bulk-model-" + model);
          insert.setLong(4, share);
          insert.setLong(5, share * durationMs);
          insert.setBigDecimal(6, pricePerCall.multiply(BigDecimal.valueOf(share)));
          insert.addBatch();
          written++;
        }
      }
      insert.executeBatch();
    }
    return Integer.toString(written);
  }
}
