package io.tally.billing.web.subscription;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.api.PlanView;
import io.tally.billing.api.SubscriptionChange;
import io.tally.billing.api.SubscriptionRequest;
import io.tally.billing.api.SubscriptionService;
import io.tally.billing.api.SubscriptionView;
import io.tally.billing.web.account.CurrentUser;
import io.tally.billing.web.ledger.BillingPage;
import io.tally.billing.web.payment.RechargeForms;
import io.tally.billing.web.platform.FieldErrors;
import io.tally.billing.web.platform.MoneyConverter;
import io.tally.billing.web.platform.Texts;
import io.tally.billing.web.platform.UtcConverter;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.math.BigDecimal;
import java.text.MessageFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The billing page's plan section: the subscription, the plans on offer and the plan change form,
 * calling {@link SubscriptionService} like {@code PUT|DELETE /accounts/{id}/subscription}. The
 * service decides subscribe, upgrade (at once, prorated) or downgrade (at the period's end); a
 * declined card changes nothing and shows beside the payment method. The form's Idempotency-Key is
 * made when it is shown, so a resent form reaches the card processor under the same key.
 */
@Named
@ViewScoped
public class PlanForm implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final Map<String, String> FIELDS =
      Map.of("plan", "subscribe:plan", "paymentMethod", "subscribe:method");

  @Inject SubscriptionService subscriptions;

  @Inject CurrentUser user;

  @Inject BillingPage page;

  @Inject Texts texts;

  private transient List<PlanView> plans;
  private transient SubscriptionView subscription;
  private transient boolean loaded;
  private String plan;
  private String method = RechargeForms.SANDBOX_METHODS.get(0);
  private String idempotencyKey = UUID.randomUUID().toString();

  /** Subscribes, upgrades or schedules a downgrade, as the service decides. */
  public void change() {
    if (plan == null || getSelectable().stream().noneMatch(p -> p.id().equals(plan))) {
      FieldErrors.error("subscribe:plan", texts.get("plan.choose"));
      return;
    }
    if (!RechargeForms.SANDBOX_METHODS.contains(method)) {
      FieldErrors.error("subscribe:method", texts.get("recharge.method.unknown"));
      return;
    }
    if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 100) {
      FieldErrors.error(null, texts.get("adjust.stale"));
      return;
    }
    SubscriptionChange change;
    try {
      change =
          subscriptions.subscribe(
              new SubscriptionRequest(user.accountId(), plan, method, idempotencyKey));
    } catch (RuntimeException thrown) {
      FieldErrors.show(FieldErrors.refusal(thrown), FIELDS);
      return;
    }
    subscription = change.subscription();
    loaded = true;
    String done =
        change.pending()
            ? MessageFormat.format(
                texts.get("plan.paymentPending"), MoneyConverter.format(change.charged()))
            : subscription.pendingPlan() != null && subscription.pendingPlan().equals(plan)
                ? MessageFormat.format(
                    texts.get("plan.downgraded"),
                    plan,
                    UtcConverter.format(subscription.currentPeriodEnd()))
                : MessageFormat.format(
                    texts.get("plan.changed"), plan, MoneyConverter.format(change.charged()));
    FieldErrors.info(done);
    idempotencyKey = UUID.randomUUID().toString();
    page.newest();
  }

  /** Cancels at the end of the paid period. */
  public void cancel() {
    try {
      subscription = subscriptions.cancel(user.accountId());
      loaded = true;
    } catch (RuntimeException thrown) {
      FieldErrors.show(FieldErrors.refusal(thrown), FIELDS);
      return;
    }
    FieldErrors.info(texts.get("plan.canceled"));
    page.newest();
  }

  /** The account's subscription (live, or its last canceled one), or null if it never had one. */
  public SubscriptionView getSubscription() {
    if (!loaded) {
      subscription = current();
      loaded = true;
    }
    return subscription;
  }

  /** Whether the cancel button applies: a live subscription not already ending. */
  public boolean isCancelable() {
    SubscriptionView view = getSubscription();
    return view != null && !"CANCELED".equals(view.status()) && !view.cancelAtPeriodEnd();
  }

  public List<PlanView> getPlans() {
    if (plans == null) {
      plans = subscriptions.plans(user.accountId());
    }
    return plans;
  }

  /** The plans a customer can buy by card: paid, self-serve ones. */
  public List<PlanView> getSelectable() {
    return getPlans().stream()
        .filter(p -> p.selfServe() && new BigDecimal(p.price()).signum() > 0)
        .toList();
  }

  private SubscriptionView current() {
    try {
      return subscriptions.find(user.accountId());
    } catch (RuntimeException thrown) {
      BillingException refusal = FieldErrors.refusal(thrown);
      if (refusal.code() == ErrorCode.SUBSCRIPTION_NOT_FOUND) {
        return null;
      }
      throw refusal;
    }
  }

  public String getPlan() {
    return plan;
  }

  public void setPlan(String plan) {
    this.plan = plan;
  }

  public String getMethod() {
    return method;
  }

  public void setMethod(String method) {
    this.method = method;
  }

  public String getIdempotencyKey() {
    return idempotencyKey;
  }

  public void setIdempotencyKey(String idempotencyKey) {
    this.idempotencyKey = idempotencyKey;
  }

  public List<String> getMethods() {
    return RechargeForms.SANDBOX_METHODS;
  }
}
