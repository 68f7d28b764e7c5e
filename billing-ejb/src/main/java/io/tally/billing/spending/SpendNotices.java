package io.tally.billing.spending;

import io.tally.billing.api.Money;
import io.tally.billing.api.NotificationType;
import io.tally.billing.ledger.LimitsCounted;
import io.tally.billing.ledger.SpendLimitRefused;
import io.tally.billing.ledger.WrittenCharge;
import io.tally.billing.notification.Notice;
import io.tally.billing.notification.Notifications;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells a customer when the month's spending of the account, or of one key, crosses 80% of its
 * limit and when it reaches the limit. A limit is rarely hit to the micro-dollar (the call that
 * would pass it is refused instead), so the first refusal by a limit tells "reached" too. Event
 * keys name the scope and the month, so each notice is stored once per month; a flood of refusals
 * reaches the database once per scope, month and server.
 */
@ApplicationScoped
public class SpendNotices {

  private static final BigDecimal WARNING_SHARE = new BigDecimal("0.8");

  /** Beyond this many remembered scopes the memory starts again (the keys still dedupe). */
  private static final int MAX_REMEMBERED = 100_000;

  private final Map<String, LocalDate> toldReached = new ConcurrentHashMap<>();

  @Inject Notifications notifications;

  void counted(@Observes LimitsCounted counted) {
    WrittenCharge.Limits limits = counted.limits();
    if (limits.account() != null) {
      check(counted, limits.account(), null);
    }
    if (limits.key() != null) {
      check(counted, limits.key(), counted.apiKeyId());
    }
  }

  void refused(@Observes SpendLimitRefused refused) {
    String scope = scope(refused.apiKeyId());
    if (refused.month().equals(toldReached.put(refused.accountId() + scope, refused.month()))) {
      return;
    }
    if (toldReached.size() > MAX_REMEMBERED) {
      toldReached.clear();
    }
    notifications.tell(reached(refused.accountId(), refused.apiKeyId(), refused.month()));
  }

  private void check(LimitsCounted counted, WrittenCharge.Spend spend, Long keyId) {
    BigDecimal before = spend.spent().subtract(counted.amount());
    if (crossed(before, spend.spent(), spend.limit())) {
      notifications.tell(reached(counted.accountId(), keyId, spend.month()));
    }
    if (crossed(before, spend.spent(), spend.limit().multiply(WARNING_SHARE))) {
      notifications.tell(
          new Notice(
              counted.accountId(),
              NotificationType.SPEND_LIMIT_WARNING,
              "spend-limit-warning" + scope(keyId) + spend.month(),
              "You have spent 80% of " + whose(keyId) + " monthly spend limit",
              "This month "
                  + whose(keyId)
                  + " spending is "
                  + Money.format(spend.spent())
                  + " USD of a limit of "
                  + Money.format(spend.limit())
                  + " USD."));
    }
  }

  private static Notice reached(long accountId, Long keyId, LocalDate month) {
    return new Notice(
        accountId,
        NotificationType.SPEND_LIMIT_REACHED,
        "spend-limit-reached" + scope(keyId) + month,
        "You have reached " + whose(keyId) + " monthly spend limit",
        "Calls that would take "
            + whose(keyId)
            + " spending this month past its limit are refused until the month ends,"
            + " or until the limit is raised.");
  }

  private static boolean crossed(BigDecimal before, BigDecimal after, BigDecimal line) {
    return before.compareTo(line) < 0 && after.compareTo(line) >= 0;
  }

  private static String scope(Long keyId) {
    return keyId == null ? ":account:" : ":key:" + keyId + ":";
  }

  private static String whose(Long keyId) {
    return keyId == null ? "your account's" : "your key " + keyId + "'s";
  }
}
