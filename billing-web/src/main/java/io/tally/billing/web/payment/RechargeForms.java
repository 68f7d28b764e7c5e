package io.tally.billing.web.payment;

import io.tally.billing.api.AccountView;
import io.tally.billing.api.AutoRechargeRequest;
import io.tally.billing.api.RechargeRequest;
import io.tally.billing.api.RechargeResult;
import io.tally.billing.api.RechargeService;
import io.tally.billing.web.account.CurrentUser;
import io.tally.billing.web.ledger.BillingPage;
import io.tally.billing.web.platform.FieldErrors;
import io.tally.billing.web.platform.Texts;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The billing page's recharge and auto-recharge forms, calling {@link RechargeService} like the
 * HTTP API. The recharge's Idempotency-Key is made when the form is shown and comes back with it,
 * so a double click or a resent form pays once. Refusals (a declined card, a bad threshold) appear
 * beside their field; after a recharge the page shows the new balance and the new entry.
 */
@Named
@ViewScoped
public class RechargeForms implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The sandbox's published test cards, the only payment methods the pages offer for now. */
  public static final List<String> SANDBOX_METHODS =
      List.of(
          "pm_card_visa", "pm_card_mastercard", "pm_card_declined", "pm_card_insufficient_funds");

  private static final Pattern KEY =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private static final Map<String, String> RECHARGE =
      Map.of("amount", "recharge:amount", "paymentMethod", "recharge:method");

  private static final Map<String, String> AUTO =
      Map.of(
          "enabled", "auto:enabled",
          "threshold", "auto:threshold",
          "amount", "auto:amount",
          "paymentMethod", "auto:method");

  @Inject RechargeService recharges;

  @Inject CurrentUser user;

  @Inject BillingPage page;

  @Inject Texts texts;

  private BigDecimal amount;
  private String method = SANDBOX_METHODS.get(0);
  private String idempotencyKey = UUID.randomUUID().toString();
  private boolean autoEnabled;
  private BigDecimal autoThreshold;
  private BigDecimal autoAmount;
  private String autoMethod = SANDBOX_METHODS.get(0);

  @PostConstruct
  void load() {
    AccountView.AutoRechargeView auto = page.getAccount().autoRecharge();
    autoEnabled = auto.enabled();
    autoThreshold = auto.threshold() == null ? null : new BigDecimal(auto.threshold());
    autoAmount = auto.amount() == null ? null : new BigDecimal(auto.amount());
    if (auto.paymentMethod() != null) {
      autoMethod = auto.paymentMethod();
    }
  }

  public void recharge() {
    if (amount == null) {
      FieldErrors.error("recharge:amount", texts.get("recharge.amount.required"));
      return;
    }
    if (!SANDBOX_METHODS.contains(method)) {
      FieldErrors.error("recharge:method", texts.get("recharge.method.unknown"));
      return;
    }
    if (idempotencyKey == null || !KEY.matcher(idempotencyKey).matches()) {
      FieldErrors.error(null, texts.get("adjust.stale"));
      return;
    }
    RechargeResult result;
    try {
      result =
          recharges.recharge(new RechargeRequest(user.accountId(), amount, method, idempotencyKey));
    } catch (RuntimeException thrown) {
      FieldErrors.show(FieldErrors.refusal(thrown), RECHARGE);
      return;
    }
    boolean pending = "PENDING".equals(result.recharge().status());
    FieldErrors.info(
        texts.get(
            pending
                ? "recharge.pending"
                : result.replay() ? "recharge.replayed" : "recharge.done"));
    idempotencyKey = UUID.randomUUID().toString();
    amount = null;
    page.newest();
  }

  public void saveAutoRecharge() {
    if (!SANDBOX_METHODS.contains(autoMethod)) {
      FieldErrors.error("auto:method", texts.get("recharge.method.unknown"));
      return;
    }
    try {
      recharges.configureAutoRecharge(
          new AutoRechargeRequest(
              user.accountId(), autoEnabled, autoThreshold, autoAmount, autoMethod));
    } catch (RuntimeException thrown) {
      FieldErrors.show(FieldErrors.refusal(thrown), AUTO);
      return;
    }
    FieldErrors.info(texts.get(autoEnabled ? "auto.on" : "auto.off"));
    page.newest();
  }

  public List<String> getMethods() {
    return SANDBOX_METHODS;
  }

  public BigDecimal getAmount() {
    return amount;
  }

  public void setAmount(BigDecimal amount) {
    this.amount = amount;
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

  public boolean isAutoEnabled() {
    return autoEnabled;
  }

  public void setAutoEnabled(boolean autoEnabled) {
    this.autoEnabled = autoEnabled;
  }

  public BigDecimal getAutoThreshold() {
    return autoThreshold;
  }

  public void setAutoThreshold(BigDecimal autoThreshold) {
    this.autoThreshold = autoThreshold;
  }

  public BigDecimal getAutoAmount() {
    return autoAmount;
  }

  public void setAutoAmount(BigDecimal autoAmount) {
    this.autoAmount = autoAmount;
  }

  public String getAutoMethod() {
    return autoMethod;
  }

  public void setAutoMethod(String autoMethod) {
    this.autoMethod = autoMethod;
  }
}
