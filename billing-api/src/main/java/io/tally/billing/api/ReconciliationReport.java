package io.tally.billing.api;

import java.util.List;

/**
 * The proof of the ledger: for every account, balance equals the sum of its entries and held equals
 * the sum of its open holds.
 */
public record ReconciliationReport(boolean ok, long accountsChecked, List<Mismatch> mismatches) {

  /** An account whose cached figures disagree with its entries or holds. */
  public record Mismatch(
      long accountId, String balance, String ledgerSum, String held, String openHolds) {}
}
