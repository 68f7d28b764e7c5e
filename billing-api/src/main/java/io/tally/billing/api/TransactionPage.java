package io.tally.billing.api;

import java.util.List;

/** A page of ledger entries, newest first; pass {@code nextCursor} to get the next page. */
public record TransactionPage(List<Entry> items, String nextCursor) {

  /** One ledger entry. */
  public record Entry(
      long id,
      String kind,
      String amount,
      String balanceAfter,
      String reference,
      String createdBy,
      String createdAt) {}
}
