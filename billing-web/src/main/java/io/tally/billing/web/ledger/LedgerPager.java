package io.tally.billing.web.ledger;

import io.tally.billing.api.LedgerService;
import io.tally.billing.api.TransactionPage;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One account's ledger, a page at a time, newest first: the cursor of each page seen is kept so
 * "Newer" can go back. Used by the customer's billing page and the admin's account page.
 */
public class LedgerPager implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Entries on one page. */
  static final int PAGE_SIZE = 20;

  private final long accountId;
  private final List<Long> previousCursors = new ArrayList<>();
  private Long cursor;
  private transient TransactionPage page;

  public LedgerPager(long accountId) {
    this.accountId = accountId;
  }

  /** Reads the current page again (after money moved). */
  public void refresh(LedgerService ledger) {
    page = ledger.transactions(accountId, PAGE_SIZE, cursor);
  }

  /** Back to the newest entries. */
  public void first(LedgerService ledger) {
    previousCursors.clear();
    cursor = null;
    refresh(ledger);
  }

  public void older(LedgerService ledger) {
    if (hasOlder()) {
      previousCursors.add(cursor);
      cursor = Long.valueOf(page.nextCursor());
      refresh(ledger);
    }
  }

  public void newer(LedgerService ledger) {
    if (hasNewer()) {
      cursor = previousCursors.remove(previousCursors.size() - 1);
      refresh(ledger);
    }
  }

  public List<TransactionPage.Entry> getEntries() {
    return page == null ? List.of() : page.items();
  }

  public boolean hasOlder() {
    return page != null && page.nextCursor() != null;
  }

  public boolean hasNewer() {
    return !previousCursors.isEmpty();
  }
}
