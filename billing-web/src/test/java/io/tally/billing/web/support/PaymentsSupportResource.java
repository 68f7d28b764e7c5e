package io.tally.billing.web.support;

import io.tally.billing.invoice.InvoicePayer;
import io.tally.billing.ledger.BalanceLowered;
import io.tally.billing.payment.RechargeBook;
import io.tally.billing.payment.RechargeRunner;
import io.tally.billing.platform.Database;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Lets a test run the recharge and invoice-payment sweeps as their timers do, record a crossing
 * whose payment never ran (as when the server stops right after recording it), and count stored
 * recharges and notices. Exists only in the test WAR.
 */
@Path("test-support/payments")
@Produces(MediaType.TEXT_PLAIN)
public class PaymentsSupportResource {

  @Inject RechargeRunner runner;

  @Inject RechargeBook book;

  @Inject InvoicePayer invoicePayer;

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  /** One sweep, exactly as the timer's timeout runs it; answers how many recharges it took. */
  @POST
  @Path("sweep")
  public String sweep() {
    return Integer.toString(runner.sweep());
  }

  /** One invoice-payment sweep, as its timer runs it; answers how many payments it finished. */
  @POST
  @Path("invoice-sweep")
  public String invoiceSweep() {
    return Integer.toString(invoicePayer.sweep());
  }

  /** Records an auto-recharge for a crossing from {@code before} to {@code after}, unpaid. */
  @POST
  @Path("crossing")
  public String crossingWithoutPayment(
      @QueryParam("account") long account,
      @QueryParam("before") BigDecimal before,
      @QueryParam("after") BigDecimal after) {
    Long recharge =
        book.arm(new BalanceLowered(account, before.subtract(after), after, "test crossing"));
    return String.valueOf(recharge);
  }

  @GET
  @Path("recharges")
  public String recharges(@QueryParam("account") long account) throws SQLException {
    return count("SELECT COUNT(*) FROM recharge WHERE account_id = ?", account, null);
  }

  @GET
  @Path("notifications")
  public String notifications(@QueryParam("account") long account, @QueryParam("type") String type)
      throws SQLException {
    return count(
        "SELECT COUNT(*) FROM notification WHERE account_id = ? AND type = ?", account, type);
  }

  private String count(String sql, long account, String type) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setLong(1, account);
      if (type != null) {
        select.setString(2, type);
      }
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return Long.toString(row.getLong(1));
      }
    }
  }
}
