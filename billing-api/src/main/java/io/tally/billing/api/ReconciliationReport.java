package io.tally.billing.api;

import java.util.List;

/**
 * The proof of the ledger: for every account, balance equals the sum of its entries and held equals
 * the sum of its open holds; for every refunded charge, its {@code refunded} equals the sum of its
 * refunds and is at most its amount.
 */
public record ReconciliationReport(
    boolean ok,
    long accountsChecked,
    List<Mismatch> mismatches,
    List<RefundMismatch> refundMismatches) {

  /** An account whose cached figures disagree with its entries or holds. */
  public record Mismatch(
      long accountId, String balance, String ledgerSum, String held, String openHolds) {}

  /** A charge whose refunded total disagrees with its refunds, or exceeds what it cost. */
  public record RefundMismatch(long chargeId, String amount, String refunded, String refundSum) {}
}
