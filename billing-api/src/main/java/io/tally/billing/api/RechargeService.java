package io.tally.billing.api;

/**
 * Adding credit by card: one-off recharges and auto-recharge. A declined card is a {@link
 * BillingException} with the processor's code ({@code card_declined}, {@code insufficient_funds},
 * ...) and HTTP 402; nothing is credited.
 */
public interface RechargeService {

  /**
   * Pays and credits once per idempotency key: a replay answers the first result (or the same
   * refusal); the same key with another amount or payment method is refused. A recharge whose
   * payment the processor did not answer is answered with status PENDING; a replay of its key asks
   * the processor again and answers how it ended.
   */
  RechargeResult recharge(RechargeRequest request);

  /** Stores the account's auto-recharge settings; bad values are refused naming the field. */
  AccountView.AutoRechargeView configureAutoRecharge(AutoRechargeRequest request);
}
