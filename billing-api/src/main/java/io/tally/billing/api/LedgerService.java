package io.tally.billing.api;

/** Reading the ledger, admin adjustments, and the reconciliation that proves the balances. */
public interface LedgerService {

  /** The most entries one page holds. */
  int MAX_PAGE = 200;

  /** Entries newest first, {@code limit} at a time, older than the entry id {@code cursor}. */
  TransactionPage transactions(long accountId, int limit, Long cursor);

  /** Posts an admin credit or debit once per idempotency key. */
  AdjustmentResult adjust(AdjustmentRequest request);

  ReconciliationReport reconcile();
}
