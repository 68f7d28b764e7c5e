package io.tally.billing.web.admin;

import io.tally.billing.api.AccountService;
import io.tally.billing.api.AccountView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** The admin's account finder: an id, the start of an e-mail, or part of a name. */
@Named
@RequestScoped
public class AccountSearch {

  static final int LIMIT = 50;

  @Inject AccountService accounts;

  private String query;
  private List<AccountView> found;

  public void search() {
    found = accounts.search(query, LIMIT);
  }

  /** The newest accounts until the admin searches. */
  public List<AccountView> getFound() {
    if (found == null) {
      search();
    }
    return found;
  }

  public String getQuery() {
    return query;
  }

  public void setQuery(String query) {
    this.query = query;
  }
}
