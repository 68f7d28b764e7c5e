package io.tally.billing.web.account;

import io.tally.billing.api.AccountService;
import io.tally.billing.api.ApiKeySummary;
import io.tally.billing.api.ApiKeyView;
import io.tally.billing.web.platform.FieldErrors;
import io.tally.billing.web.platform.Texts;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * The customer's API keys: issue one (its secret is shown on this page once and never again), see
 * them all by prefix, revoke one (refused by the API from then on).
 */
@Named
@ViewScoped
public class KeysPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject AccountService accounts;

  @Inject CurrentUser user;

  @Inject Texts texts;

  private transient List<ApiKeySummary> keys;
  private String issuedKey;

  @PostConstruct
  void load() {
    keys = accounts.keys(user.accountId());
  }

  public void issue() {
    ApiKeyView issued = accounts.issueKey(user.accountId());
    issuedKey = issued.key();
    load();
  }

  public void revoke(long keyId) {
    issuedKey = null;
    ApiKeySummary revoked = accounts.revokeKey(user.accountId(), keyId);
    FieldErrors.info(texts.get("keys.revoked") + " " + revoked.prefix());
    load();
  }

  public List<ApiKeySummary> getKeys() {
    if (keys == null) {
      load();
    }
    return keys;
  }

  /** The secret of the key issued by the last click, or null. */
  public String getIssuedKey() {
    return issuedKey;
  }
}
