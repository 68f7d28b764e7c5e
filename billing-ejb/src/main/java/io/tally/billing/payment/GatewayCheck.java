package io.tally.billing.payment;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/**
 * Builds the payment gateway while the application deploys, so a missing processor URL or key stops
 * the deployment with the key's name instead of failing the first customer's payment.
 */
@Startup
@Singleton
public class GatewayCheck {

  @Inject PaymentGateways gateways;

  @PostConstruct
  void check() {
    gateways.gateway();
  }
}
