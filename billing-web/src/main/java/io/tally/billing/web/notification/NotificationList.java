package io.tally.billing.web.notification;

import io.tally.billing.api.NotificationPage;
import io.tally.billing.api.NotificationService;
import io.tally.billing.web.account.CurrentUser;
import io.tally.billing.web.ledger.BillingChanged;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** The billing page's latest notifications of the signed-in customer's account, newest first. */
@Named
@RequestScoped
public class NotificationList {

  /** How many the billing page shows; the HTTP API pages through all of them. */
  static final int LATEST = 20;

  @Inject NotificationService notifications;

  @Inject CurrentUser user;

  private List<NotificationPage.Item> latest;

  /** A form changed the account (a recharge tells of itself): read again when rendering. */
  void reread(@Observes BillingChanged changed) {
    latest = null;
  }

  public List<NotificationPage.Item> getLatest() {
    if (latest == null) {
      latest = notifications.notifications(user.accountId(), LATEST, null).items();
    }
    return latest;
  }
}
