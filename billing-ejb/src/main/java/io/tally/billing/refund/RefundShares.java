package io.tally.billing.refund;

import io.tally.billing.api.LineItemView;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which models a refund takes money from. A charge's line items are laid end to end in their order
 * and its refunds likewise, the first refund from the first line on: so a full refund takes each
 * model's exact share, partial refunds never take a line below zero, and the split needs no state
 * beyond the charge's refunded total.
 */
final class RefundShares {

  private RefundShares() {}

  /**
   * The part of {@code [refundedBefore, refundedBefore + amount)} that falls on each model's lines;
   * a line without a model is the charge's {@code model}.
   */
  static Map<String, BigDecimal> byModel(
      List<LineItemView> lines, String model, BigDecimal refundedBefore, BigDecimal amount) {
    BigDecimal from = refundedBefore;
    BigDecimal to = refundedBefore.add(amount);
    BigDecimal start = BigDecimal.ZERO;
    Map<String, BigDecimal> shares = new LinkedHashMap<>();
    for (LineItemView line : lines) {
      BigDecimal end = start.add(new BigDecimal(line.amount()));
      BigDecimal share = end.min(to).subtract(start.max(from));
      if (share.signum() > 0) {
        shares.merge(line.model() == null ? model : line.model(), share, BigDecimal::add);
      }
      start = end;
    }
    return shares;
  }
}
