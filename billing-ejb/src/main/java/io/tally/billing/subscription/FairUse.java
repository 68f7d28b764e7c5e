package io.tally.billing.subscription;

import io.tally.billing.api.Money;
import io.tally.billing.api.NotificationType;
import io.tally.billing.ledger.FairUseCounted;
import io.tally.billing.ledger.WrittenCharge;
import io.tally.billing.notification.Notice;
import io.tally.billing.notification.Notifications;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.math.BigDecimal;

/**
 * Tells a customer on a capped plan when this period's metered usage crosses 80% of the cap
 * (FAIR_USE_WARNING) and when it reaches the cap (FAIR_USE_REACHED; the next call is refused with
 * 429). The ledger counts usage and refuses calls in the charge's own UPDATE; this observer only
 * sees charges of capped accounts, and does a database write only on the charge that crosses a
 * line. The event key names the period, so each notice is stored once per period.
 */
@ApplicationScoped
public class FairUse {

  private static final BigDecimal WARNING_SHARE = new BigDecimal("0.8");

  @Inject Notifications notifications;

  void counted(@Observes FairUseCounted counted) {
    WrittenCharge.FairUse usage = counted.fairUse();
    BigDecimal before = usage.used().subtract(counted.amount());
    if (crossed(before, usage.used(), usage.cap())) {
      notifications.tell(
          notice(
              counted,
              NotificationType.FAIR_USE_REACHED,
              "fair-use-reached:",
              "You have reached your plan's fair-use limit",
              "This period's usage reached the fair-use limit of "
                  + Money.format(usage.cap())
                  + " USD. Further calls are refused until the period ends;"
                  + " upgrade to ENTERPRISE to continue."));
    }
    if (crossed(before, usage.used(), usage.cap().multiply(WARNING_SHARE))) {
      notifications.tell(
          notice(
              counted,
              NotificationType.FAIR_USE_WARNING,
              "fair-use-warning:",
              "You have used 80% of your plan's fair-use limit",
              "This period's usage is "
                  + Money.format(usage.used())
                  + " USD of a fair-use limit of "
                  + Money.format(usage.cap())
                  + " USD."));
    }
  }

  private static boolean crossed(BigDecimal before, BigDecimal after, BigDecimal line) {
    return before.compareTo(line) < 0 && after.compareTo(line) >= 0;
  }

  private static Notice notice(
      FairUseCounted counted, NotificationType type, String key, String subject, String body) {
    return new Notice(counted.accountId(), type, key + counted.fairUse().since(), subject, body);
  }
}
