package io.tally.billing.ledger;

import java.math.BigDecimal;

/**
 * A CDI event fired after a debit has committed (a charge, a fine-tune's metered minute): the
 * account's balance went from {@code balanceAfter + amount} to {@code balanceAfter}. Observers
 * react outside the debit's transaction — auto-recharge, low-balance notices — and must stay cheap,
 * because this fires on the gateway's hot path; slow work goes to an asynchronous job.
 *
 * @param accountId the account debited
 * @param amount what was taken, positive
 * @param balanceAfter the balance right after this debit
 * @param reference the ledger reference of the debit, for messages
 */
public record BalanceLowered(
    long accountId, BigDecimal amount, BigDecimal balanceAfter, String reference) {

  /** The balance right before this debit. */
  public BigDecimal balanceBefore() {
    return balanceAfter.add(amount);
  }

  /** Whether this debit took the balance from at or above {@code threshold} to below it. */
  public boolean crossedBelow(BigDecimal threshold) {
    return balanceBefore().compareTo(threshold) >= 0 && balanceAfter.compareTo(threshold) < 0;
  }
}
