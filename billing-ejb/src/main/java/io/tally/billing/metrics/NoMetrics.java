package io.tally.billing.metrics;

import io.tally.billing.api.ErrorCode;
import io.tally.billing.payment.PaymentResult;
import java.math.BigDecimal;

/**
 * Records nothing: what a server without MicroProfile Metrics gets (WildFly 38 ships Micrometer
 * instead). The ledger, the usage rollups and {@code /health} carry on as everywhere else.
 */
public class NoMetrics implements BusinessMetrics {

  @Override
  public void charged(String model, BigDecimal amount) {}

  @Override
  public void refused(ErrorCode code) {}

  @Override
  public void charge(long nanos) {}

  @Override
  public void batch(int events, long nanos) {}

  @Override
  public void group(int events) {}

  @Override
  public void chargeGroup(int calls) {}

  @Override
  public void holdGroup(int holds) {}

  @Override
  public void readingGroup(int readings) {}

  @Override
  public void priced(String plugin, long nanos) {}

  @Override
  public void pricingFailed(String plugin) {}

  @Override
  public void paid(Payment payment, PaymentResult.Outcome outcome) {}

  @Override
  public void outboxDepth(long deliveries) {}
}
