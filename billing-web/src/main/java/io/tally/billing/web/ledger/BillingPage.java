package io.tally.billing.web.ledger;

import io.tally.billing.api.AccountService;
import io.tally.billing.api.AccountView;
import io.tally.billing.api.LedgerService;
import io.tally.billing.web.account.CurrentUser;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.event.Event;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/**
 * The customer's billing page: balance, available credit, plan and the transaction history. Always
 * the signed-in customer's own account.
 */
@Named
@ViewScoped
public class BillingPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject AccountService accounts;

  @Inject LedgerService ledger;

  @Inject CurrentUser user;

  @Inject Event<BillingChanged> changed;

  private transient AccountView account;
  private LedgerPager history;

  @PostConstruct
  void load() {
    long id = user.accountId();
    account = accounts.find(id);
    history = new LedgerPager(id);
    history.first(ledger);
  }

  public AccountView getAccount() {
    if (account == null) {
      account = accounts.find(user.accountId());
    }
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

  /** After a form changed the account: the new balance, the newest entries, and tell the rest. */
  public void newest() {
    account = accounts.find(user.accountId());
    history.first(ledger);
    changed.fire(new BillingChanged(account.id()));
  }
}
