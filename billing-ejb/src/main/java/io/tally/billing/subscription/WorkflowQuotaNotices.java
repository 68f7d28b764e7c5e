package io.tally.billing.subscription;

import io.tally.billing.api.NotificationType;
import io.tally.billing.ledger.LimitsCounted;
import io.tally.billing.ledger.WrittenCharge;
import io.tally.billing.notification.Notice;
import io.tally.billing.notification.Notifications;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Tells a customer whose plan limits workflow runs through the API when this period's runs cross
 * 80% of the quota and when they reach it (the next API run is refused with 429). The ledger counts
 * and refuses in the charge's own UPDATE; this observer writes only on the run that crosses a line,
 * under an event key naming the period, so each notice is stored once per period.
 */
@ApplicationScoped
public class WorkflowQuotaNotices {

  @Inject Notifications notifications;

  void counted(@Observes LimitsCounted counted) {
    WrittenCharge.Quota quota = counted.limits().workflow();
    if (quota == null) {
      return;
    }
    int before = quota.used() - 1;
    if (before < quota.quota() && quota.used() >= quota.quota()) {
      notifications.tell(
          notice(
              counted,
              NotificationType.WORKFLOW_QUOTA_REACHED,
              "workflow-quota-reached:",
              "You have used all of your plan's workflow runs through the API",
              "This period's workflow runs through the API reached your plan's quota of "
                  + quota.quota()
                  + ". Further API runs are refused until the period ends; runs from the editor"
                  + " go on. Upgrade your plan to continue through the API."));
    }
    // 80% of the quota, in whole runs: 800 of 1,000.
    int warning = (quota.quota() * 4 + 4) / 5;
    if (before < warning && quota.used() >= warning) {
      notifications.tell(
          notice(
              counted,
              NotificationType.WORKFLOW_QUOTA_WARNING,
              "workflow-quota-warning:",
              "You have used 80% of your plan's workflow runs through the API",
              "This period's workflow runs through the API: "
                  + quota.used()
                  + " of a quota of "
                  + quota.quota()
                  + "."));
    }
  }

  private static Notice notice(
      LimitsCounted counted, NotificationType type, String key, String subject, String body) {
    return new Notice(
        counted.accountId(), type, key + counted.limits().workflow().since(), subject, body);
  }
}
