package io.tally.billing.api;

/**
 * Refunds of charges: an admin credits back all or part of what a charge cost, once per
 * Idempotency-Key, never more in total than the charge's amount.
 */
public interface RefundService {

  /** The charge and its refunds, oldest first; 404 {@code charge_not_found} when there is none. */
  ChargeRefunds charge(long chargeId);

  /**
   * Refunds the charge once per key: a replay answers the first refund, the same key with another
   * amount, reason or charge answers 422; a refund past what is left answers 409.
   */
  RefundResult refund(RefundRequest request);
}
