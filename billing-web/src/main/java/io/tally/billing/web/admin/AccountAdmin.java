package io.tally.billing.web.admin;

import io.tally.billing.api.AccountService;
import io.tally.billing.api.AccountView;
import io.tally.billing.api.AdjustmentRequest;
import io.tally.billing.api.AdjustmentResult;
import io.tally.billing.api.BillingException;
import io.tally.billing.api.LedgerService;
import io.tally.billing.web.account.CurrentUser;
import io.tally.billing.web.ledger.LedgerPager;
import io.tally.billing.web.platform.FieldErrors;
import io.tally.billing.web.platform.Texts;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

/**
 * One account for the admin: its figures, its ledger, and a credit or debit with a reason. The
 * adjustment's Idempotency-Key is made when the form is shown and travels in the form, so a double
 * click or a form sent again (reload, back button) posts once: the ledger's unique key decides, and
 * the repeat is answered "already posted". Each shown form gets a new key.
 */
@Named
@ViewScoped
public class AccountAdmin implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final java.util.regex.Pattern KEY =
      java.util.regex.Pattern.compile(
          "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private static final Map<String, String> INPUTS =
      Map.of("amount", "adjust:amount", "reason", "adjust:reason");

  @Inject AccountService accounts;

  @Inject LedgerService ledger;

  @Inject CurrentUser user;

  @Inject Texts texts;

  private long id;
  private transient AccountView account;
  private LedgerPager history;
  private BigDecimal amount;
  private String reason;
  private String idempotencyKey = UUID.randomUUID().toString();

  /** The view action after the {@code id} view parameter is set. */
  public void load() {
    try {
      account = accounts.find(id);
    } catch (RuntimeException thrown) {
      FieldErrors.show(FieldErrors.refusal(thrown), Map.of());
      return;
    }
    if (history == null) {
      history = new LedgerPager(id);
      history.first(ledger);
    }
  }

  public void adjust() {
    if (amount == null || amount.signum() == 0) {
      FieldErrors.error("adjust:amount", texts.get("adjust.amount.nonzero"));
      return;
    }
    if (reason == null || reason.isBlank()) {
      FieldErrors.error("adjust:reason", texts.get("adjust.reason.required"));
      return;
    }
    if (idempotencyKey == null || !KEY.matcher(idempotencyKey).matches()) {
      FieldErrors.error(null, texts.get("adjust.stale"));
      return;
    }
    AdjustmentResult result;
    try {
      result =
          ledger.adjust(
              new AdjustmentRequest(
                  id, amount, reason.strip(), idempotencyKey, "admin:" + user.getEmail()));
    } catch (RuntimeException thrown) {
      BillingException refusal = FieldErrors.refusal(thrown);
      FieldErrors.show(refusal, INPUTS);
      return;
    }
    FieldErrors.info(texts.get(result.replay() ? "adjust.replayed" : "adjust.posted"));
    idempotencyKey = UUID.randomUUID().toString();
    amount = null;
    reason = null;
    account = accounts.find(id);
    history.first(ledger);
  }

  public long getId() {
    return id;
  }

  public void setId(long id) {
    this.id = id;
  }

  public AccountView getAccount() {
    return account;
  }

  public LedgerPager getHistory() {
    return history;
  }

  public void older() {
    history.older(ledger);
  }

  public void newer() {
    history.newer(ledger);
  }

  /** The key of the form on screen; it comes back with the form. */
  public String getIdempotencyKey() {
    return idempotencyKey;
  }

  public void setIdempotencyKey(String idempotencyKey) {
    this.idempotencyKey = idempotencyKey;
  }

  public BigDecimal getAmount() {
    return amount;
  }

  public void setAmount(BigDecimal amount) {
    this.amount = amount;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }
}
