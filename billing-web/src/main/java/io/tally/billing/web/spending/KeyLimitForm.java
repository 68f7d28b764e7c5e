package io.tally.billing.web.spending;

import io.tally.billing.api.AccountService;
import io.tally.billing.api.ApiKeySummary;
import io.tally.billing.api.SpendLimitService;
import io.tally.billing.api.SpendLimitView;
import io.tally.billing.web.account.CurrentUser;
import io.tally.billing.web.platform.FieldErrors;
import io.tally.billing.web.platform.Texts;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The keys page's spend limits: each key's limit and spend this month, and a form to set one. */
@Named
@ViewScoped
public class KeyLimitForm implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final Map<String, String> INPUTS = Map.of("limit", "key-limit:limit");

  @Inject SpendLimitService limits;

  @Inject AccountService accounts;

  @Inject CurrentUser user;

  @Inject Texts texts;

  private transient Map<Long, SpendLimitView> byKey;
  private Long keyId;
  private BigDecimal limit;

  /** The limit and spend of the account's key {@code keyId}. */
  public SpendLimitView of(long keyId) {
    if (byKey == null) {
      byKey = new HashMap<>();
    }
    return byKey.computeIfAbsent(keyId, id -> limits.keyLimit(user.accountId(), id));
  }

  /** The keys a limit can be set on: those still working. */
  public List<ApiKeySummary> getActiveKeys() {
    return accounts.keys(user.accountId()).stream().filter(k -> k.revokedAt() == null).toList();
  }

  public void save() {
    if (keyId == null) {
      FieldErrors.error("key-limit:key", texts.get("keys.limit.choose"));
      return;
    }
    try {
      limits.setKeyLimit(user.accountId(), keyId, limit);
    } catch (RuntimeException thrown) {
      FieldErrors.show(FieldErrors.refusal(thrown), INPUTS);
      return;
    }
    byKey = null;
    FieldErrors.info(texts.get("keys.limit.saved") + " " + keyId);
  }

  public Long getKeyId() {
    return keyId;
  }

  public void setKeyId(Long keyId) {
    this.keyId = keyId;
  }

  public BigDecimal getLimit() {
    return limit;
  }

  public void setLimit(BigDecimal limit) {
    this.limit = limit;
  }
}
