package io.tally.billing.web.audit;

import io.tally.billing.api.AuditAction;
import io.tally.billing.api.AuditPage;
import io.tally.billing.api.AuditQuery;
import io.tally.billing.api.AuditService;
import io.tally.billing.api.BillingException;
import io.tally.billing.platform.Json;
import io.tally.billing.web.platform.FieldErrors;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The admin's audit page: entries newest first, 20 at a time, filtered by account and action as
 * {@code GET /api/v1/audit} filters them. The cursor of each page seen is kept so "Newer" can go
 * back.
 */
@Named
@ViewScoped
public class AuditLog implements Serializable {

  private static final long serialVersionUID = 1L;

  static final int PAGE_SIZE = 20;

  private static final Map<String, String> INPUTS =
      Map.of("account", "filter:account", "action", "filter:action");

  @Inject transient AuditService audit;

  private String account;
  private String action;
  private Long accountId;
  private AuditAction actionFilter;
  private final List<Long> previousCursors = new ArrayList<>();
  private Long cursor;
  private transient AuditPage page;

  /** The action codes an admin can filter on, as the API names them. */
  static List<String> actionCodes() {
    return Arrays.stream(AuditAction.values()).map(AuditAction::code).toList();
  }

  public List<String> getActions() {
    return actionCodes();
  }

  /** Applies the filters from the newest entry. */
  public void search() {
    try {
      accountId = AuditResource.account(account);
      actionFilter = AuditResource.action(action);
    } catch (BillingException refused) {
      FieldErrors.show(refused, INPUTS);
      return;
    }
    previousCursors.clear();
    cursor = null;
    page = null;
  }

  public void older() {
    if (hasOlder()) {
      previousCursors.add(cursor);
      cursor = Long.valueOf(page.nextCursor());
      page = null;
    }
  }

  public void newer() {
    if (hasNewer()) {
      cursor = previousCursors.remove(previousCursors.size() - 1);
      page = null;
    }
  }

  public List<AuditPage.Entry> getEntries() {
    return page().items();
  }

  public boolean hasOlder() {
    return page().nextCursor() != null;
  }

  public boolean hasNewer() {
    return !previousCursors.isEmpty();
  }

  /** A state before or after, as compact JSON text (empty where there was none). */
  public String json(Map<String, Object> state) {
    return state == null ? "" : Json.write(state);
  }

  private AuditPage page() {
    if (page == null) {
      page = audit.entries(new AuditQuery(accountId, actionFilter, PAGE_SIZE, cursor));
    }
    return page;
  }

  public String getAccount() {
    return account;
  }

  public void setAccount(String account) {
    this.account = account;
  }

  public String getAction() {
    return action;
  }

  public void setAction(String action) {
    this.action = action;
  }
}
