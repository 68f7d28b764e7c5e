package io.tally.billing.web.support;

import io.tally.billing.api.NotificationType;
import io.tally.billing.notification.Deliveries;
import io.tally.billing.notification.Notice;
import io.tally.billing.notification.Notifications;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Lets a test run the notification delivery job once, exactly as its timer does, and tell a notice
 * directly, as a feature would. Exists only in the test WAR.
 */
@Path("test-support/notifications")
public class TestNotificationsResource {

  @Inject Deliveries deliveries;

  @Inject Notifications notifications;

  /** One run of the delivery job; answers how many deliveries it sent. */
  @POST
  @Path("deliver")
  @Produces(MediaType.TEXT_PLAIN)
  public String deliver() {
    return Integer.toString(deliveries.deliverDue());
  }

  /** {@code Notifications.tell}; answers {@code true} when stored, {@code false} for a repeat. */
  @POST
  @Path("tell")
  @Produces(MediaType.TEXT_PLAIN)
  public String tell(
      @QueryParam("accountId") long accountId,
      @QueryParam("type") NotificationType type,
      @QueryParam("eventKey") String eventKey,
      @QueryParam("subject") String subject,
      @QueryParam("body") String body) {
    return Boolean.toString(
        notifications.tell(new Notice(accountId, type, eventKey, subject, body)));
  }
}
