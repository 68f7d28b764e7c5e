package io.tally.billing.subscription;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.BillingMode;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.platform.Database;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Reads plans. They change only by migration or admin edits, never on the gateway's path. */
@Stateless
public class Plans {

  private static final String COLUMNS =
      "SELECT id, name, billing_mode, self_serve, price, credits, intro_price, intro_limit,"
          + " intro_taken, fair_use_cap, workflow_quota FROM plan";

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  public List<Plan> all() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(COLUMNS + " ORDER BY position");
        ResultSet rows = select.executeQuery()) {
      List<Plan> plans = new ArrayList<>();
      while (rows.next()) {
        plans.add(plan(rows));
      }
      return plans;
    } catch (SQLException e) {
      throw new IllegalStateException("could not read plans", e);
    }
  }

  /** The plan named {@code id}, or a 400 naming the field {@code plan}. */
  public Plan find(String id) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(COLUMNS + " WHERE id = ?")) {
      select.setString(1, id);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          throw new BillingException(
              ErrorCode.UNKNOWN_PLAN, "no plan " + id + "; GET /api/v1/plans lists them", "plan");
        }
        return plan(row);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read plan " + id, e);
    }
  }

  /** An account's plan and its API workflow runs counted this period. */
  public record WorkflowUsage(String plan, int used) {}

  /** The account's plan and its API workflow runs this period, or a 404. */
  public WorkflowUsage workflowUsage(long accountId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement("SELECT plan, workflow_used FROM account WHERE id = ?")) {
      select.setLong(1, accountId);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          throw new BillingException(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + accountId);
        }
        return new WorkflowUsage(row.getString(1), row.getInt(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read account " + accountId, e);
    }
  }

  private static Plan plan(ResultSet row) throws SQLException {
    return new Plan(
        row.getString(1),
        row.getString(2),
        BillingMode.valueOf(row.getString(3)),
        row.getBoolean(4),
        row.getBigDecimal(5),
        row.getBigDecimal(6),
        row.getBigDecimal(7),
        (Integer) row.getObject(8, Integer.class),
        row.getInt(9),
        row.getBigDecimal(10),
        row.getObject(11, Integer.class));
  }
}
