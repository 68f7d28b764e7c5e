package io.tally.billing.api;

/** Pricing and charging usage. */
public interface ChargingService {

  /** Prices a call or a workflow's parts without charging. */
  QuoteView quote(QuoteRequest request);

  /**
   * Charges one usage event, or answers the charge an earlier event with the same requestId made
   * ({@link ChargeResult#replay()}). 402 when the account cannot pay.
   */
  ChargeResult charge(UsageEvent event);
}
