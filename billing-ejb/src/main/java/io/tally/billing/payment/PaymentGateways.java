package io.tally.billing.payment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Chooses the gateway by {@code tally.payment.gateway}: {@code sandbox} (the default). */
@ApplicationScoped
public class PaymentGateways {

  @Inject
  @ConfigProperty(name = "tally.payment.gateway", defaultValue = "sandbox")
  String kind;

  @Produces
  @ApplicationScoped
  PaymentGateway gateway() {
    if ("sandbox".equals(kind)) {
      return new SandboxGateway();
    }
    throw new IllegalStateException("tally.payment.gateway must be sandbox, but is " + kind);
  }
}
