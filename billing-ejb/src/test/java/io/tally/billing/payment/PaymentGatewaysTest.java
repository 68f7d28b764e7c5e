package io.tally.billing.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Choosing the gateway by configuration, and refusing a configuration that cannot pay. */
class PaymentGatewaysTest {

  @Test
  void theSandboxIsTheDefault() {
    assertInstanceOf(SandboxGateway.class, gateways("sandbox", null, null).gateway());
  }

  @Test
  void theProcessorIsChosenByConfigurationAndPaysThroughItsUrl() {
    WireMockServer processor = new WireMockServer(wireMockConfig().dynamicPort());
    processor.start();
    try {
      processor.stubFor(
          post(urlEqualTo("/v1/payment_intents"))
              .willReturn(
                  aResponse()
                      .withStatus(200)
                      .withBody("{\"id\":\"pi_cfg\",\"status\":\"succeeded\"}")));
      PaymentGateway gateway = gateways("processor", processor.baseUrl(), "sk_test_x").gateway();

      PaymentResult result =
          gateway.pay(new PaymentRequest(1, new BigDecimal("20.00"), "pm_card_visa", "k", "d"));

      assertInstanceOf(ProcessorGateway.class, gateway);
      assertEquals(PaymentResult.succeeded("pi_cfg"), result);
    } finally {
      processor.stop();
    }
  }

  @Test
  void aProcessorWithoutUrlIsRefusedNamingTheKey() {
    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class, () -> gateways("processor", null, "sk_test_x").gateway());
    assertTrue(refused.getMessage().contains("tally.payment.processor.url"), refused.getMessage());
  }

  @Test
  void aProcessorWithoutSecretKeyIsRefusedNamingTheKey() {
    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class,
            () -> gateways("processor", "https://api.example.com", " ").gateway());
    assertTrue(
        refused.getMessage().contains("tally.payment.processor.secret-key"), refused.getMessage());
  }

  @Test
  void anUnknownGatewayIsRefused() {
    assertThrows(IllegalStateException.class, () -> gateways("stripe", null, null).gateway());
  }

  private static PaymentGateways gateways(String kind, String url, String key) {
    PaymentGateways gateways = new PaymentGateways();
    gateways.kind = kind;
    gateways.processorUrl = Optional.ofNullable(url);
    gateways.secretKey = Optional.ofNullable(key);
    gateways.timeoutMs = 2000;
    gateways.retries = 1;
    return gateways;
  }
}
