package io.tally.billing.payment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Chooses the gateway by {@code tally.payment.gateway}: {@code sandbox} (the default, no network,
 * the processors' published test tokens) or {@code processor} (a real card processor's HTTP API at
 * {@code tally.payment.processor.url} with {@code tally.payment.processor.secret-key}). The sandbox
 * is a product feature, not a test double: a demo or a staging install pays with test tokens
 * through exactly the code path production takes.
 */
@ApplicationScoped
public class PaymentGateways {

  @Inject
  @ConfigProperty(name = "tally.payment.gateway", defaultValue = "sandbox")
  String kind;

  @Inject
  @ConfigProperty(name = "tally.payment.processor.url")
  Optional<String> processorUrl;

  @Inject
  @ConfigProperty(name = "tally.payment.processor.secret-key")
  Optional<String> secretKey;

  @Inject
  @ConfigProperty(name = "tally.payment.processor.timeout-ms", defaultValue = "10000")
  long timeoutMs;

  @Inject
  @ConfigProperty(name = "tally.payment.processor.retries", defaultValue = "2")
  int retries;

  /**
   * The configured gateway; a wrong configuration is an {@link IllegalStateException} naming the
   * key, raised at deployment by {@link GatewayCheck} rather than at the first payment.
   */
  @Produces
  @ApplicationScoped
  PaymentGateway gateway() {
    return switch (kind.strip()) {
      case "sandbox" -> new SandboxGateway();
      case "processor" -> processor();
      default ->
          throw new IllegalStateException(
              "tally.payment.gateway must be sandbox or processor, but is " + kind);
    };
  }

  private PaymentGateway processor() {
    String url = required(processorUrl, "tally.payment.processor.url");
    String key = required(secretKey, "tally.payment.processor.secret-key");
    URI base;
    try {
      base = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("tally.payment.processor.url is not a URL: " + url, e);
    }
    if (!"https".equals(base.getScheme()) && !"http".equals(base.getScheme())) {
      throw new IllegalStateException("tally.payment.processor.url must be http(s): " + url);
    }
    if (timeoutMs <= 0 || retries < 0) {
      throw new IllegalStateException(
          "tally.payment.processor.timeout-ms must be positive and retries not negative");
    }
    return new ProcessorGateway(base, key, Duration.ofMillis(timeoutMs), retries);
  }

  private static String required(Optional<String> value, String key) {
    return value
        .map(String::strip)
        .filter(text -> !text.isEmpty())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    key + " must be set when tally.payment.gateway=processor"));
  }
}
