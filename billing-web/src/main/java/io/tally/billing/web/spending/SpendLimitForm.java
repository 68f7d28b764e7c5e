package io.tally.billing.web.spending;

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
import java.util.Map;

/** The billing page's spend limit: the account's limit and what it has spent this month. */
@Named
@ViewScoped
public class SpendLimitForm implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final Map<String, String> INPUTS = Map.of("limit", "spend:limit");

  @Inject SpendLimitService limits;

  @Inject CurrentUser user;

  @Inject Texts texts;

  private transient SpendLimitView current;
  private BigDecimal limit;
  private boolean edited;

  public SpendLimitView getCurrent() {
    if (current == null) {
      current = limits.accountLimit(user.accountId());
    }
    return current;
  }

  public void save() {
    try {
      current = limits.setAccountLimit(user.accountId(), limit);
    } catch (RuntimeException thrown) {
      FieldErrors.show(FieldErrors.refusal(thrown), INPUTS);
      return;
    }
    FieldErrors.info(texts.get("spend.saved"));
  }

  /** The input shows the limit in force until the customer types another. */
  public BigDecimal getLimit() {
    if (!edited && getCurrent().limit() != null) {
      return new BigDecimal(getCurrent().limit());
    }
    return limit;
  }

  public void setLimit(BigDecimal limit) {
    this.limit = limit;
    this.edited = true;
  }
}
