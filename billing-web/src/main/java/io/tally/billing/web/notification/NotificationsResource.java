package io.tally.billing.web.notification;

import static io.tally.billing.web.platform.Authentication.requireAccess;

import io.tally.billing.api.AccountService;
import io.tally.billing.api.NotificationPage;
import io.tally.billing.api.NotificationService;
import io.tally.billing.web.platform.Paging;
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
    Paging page = Paging.of(limit, cursor, NotificationService.MAX_PAGE);
    return notifications.notifications(id, page.limit(), page.after());
  }
}
