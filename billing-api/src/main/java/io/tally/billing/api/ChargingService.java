package io.tally.billing.api;

import java.util.List;

/** Pricing and charging usage. */
public interface ChargingService {

  /** Prices a call or a workflow's parts without charging. */
  QuoteView quote(QuoteRequest request);

  /**
   * Charges one usage event, or answers the charge an earlier event with the same requestId made
   * ({@link ChargeResult#replay()}). 402 when the account cannot pay.
   */
  ChargeResult charge(UsageEvent event);

  /**
   * Charges a batch: each event as {@link #charge} would (its own requestId, its own refusal), with
   * several events written per transaction. One outcome per event, in the events' order.
   */
  List<ChargeOutcome> chargeAll(List<UsageEvent> events);
}
