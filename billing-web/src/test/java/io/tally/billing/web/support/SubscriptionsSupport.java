package io.tally.billing.web.support;

import io.tally.billing.platform.Database;
import io.tally.billing.subscription.Plans;
import io.tally.billing.subscription.Renewals;
import io.tally.billing.subscription.SubscriptionStore;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * Test support for subscriptions (test WAR only): runs the renewal job exactly as its timer does,
 * sets how many introductory slots a plan has handed out, leaves a subscription PENDING as a
 * request that died after paying would.
 */
@ApplicationScoped
@Path("test-support/subscriptions")
public class SubscriptionsSupport {

  @Inject Renewals renewals;

  @Inject SubscriptionStore store;

  @Inject Plans plans;

  @Inject Clock clock;

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  /** What {@code RenewalTimer}'s timeout does; answers how many subscriptions moved on. */
  @POST
  @Path("renewals")
  @Produces(MediaType.TEXT_PLAIN)
  public String runRenewals() {
    return Integer.toString(renewals.runDue());
  }

  /** The first step of subscribing, with no second: a crash after the card was charged. */
  @POST
  @Path("interrupted")
  @Produces(MediaType.TEXT_PLAIN)
  public String interruptedSubscription(
      @QueryParam("accountId") long accountId, @QueryParam("plan") String plan) {
    return Long.toString(
        store.open(accountId, plans.find(plan), "pm_card_visa", null, clock.instant()));
  }

  @PUT
  @Path("plans/{id}/intro-taken")
  @Produces(MediaType.TEXT_PLAIN)
  public String setIntroTaken(@PathParam("id") String plan, @QueryParam("value") int value)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement("UPDATE plan SET intro_taken = ? WHERE id = ?")) {
      update.setInt(1, value);
      update.setString(2, plan);
      return Integer.toString(update.executeUpdate());
    }
  }
}
