package io.tally.billing.web.notification;

import static io.tally.billing.web.platform.Authentication.requireAccess;

import io.tally.billing.api.AccountService;
import io.tally.billing.api.BillingException;
import io.tally.billing.api.NotificationPage;
import io.tally.billing.api.NotificationService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** What an account was told, newest first, a page at a time, with each channel's delivery. */
@ApplicationScoped
@Path("accounts/{id}/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationsResource {

  private static final int DEFAULT_LIMIT = 50;

  @Context SecurityContext security;

  @Inject NotificationService notifications;

  @Inject AccountService accounts;

  @GET
  public NotificationPage list(
      @PathParam("id") long id,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    requireAccess(security, id);
    accounts.find(id);
    int pageSize = (int) number("limit", limit, DEFAULT_LIMIT, 1, NotificationService.MAX_PAGE);
    Long after = cursor == null ? null : number("cursor", cursor, 0, 1, Long.MAX_VALUE);
    return notifications.notifications(id, pageSize, after);
  }

  private static long number(String name, String value, long fallback, long min, long max) {
    if (value == null) {
      return fallback;
    }
    try {
      long parsed = Long.parseLong(value.strip());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw BillingException.invalid(
        name, name + " must be a whole number from " + min + " to " + max);
  }
}
