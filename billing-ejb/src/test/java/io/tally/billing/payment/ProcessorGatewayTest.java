package io.tally.billing.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.tally.billing.api.Money;
import io.tally.billing.payment.PaymentResult.Outcome;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The processor adapter against a real HTTP server that answers as the processor documents. */
class ProcessorGatewayTest {

  private static final String INTENTS = "/v1/payment_intents";
  private static final String SECRET = "sk_test_4eC39HqLyjWDarjtT1zdp7dc";

  private WireMockServer processor;

  @BeforeEach
  void start() {
    processor = new WireMockServer(wireMockConfig().dynamicPort());
    processor.start();
  }

  @AfterEach
  void stop() {
    processor.stop();
  }

  @Test
  void paysInCentsWithTheBearerKeyAndTheIdempotencyKey() {
    answer(200, "{\"id\":\"pi_3Mtw\",\"object\":\"payment_intent\",\"status\":\"succeeded\"}");

    PaymentResult result = gateway(2).pay(request("10.50", "pm_card_visa", "tally-recharge-7"));

    assertEquals(PaymentResult.succeeded("pi_3Mtw"), result);
    processor.verify(
        1,
        postRequestedFor(urlEqualTo(INTENTS))
            .withHeader("Authorization", equalTo("Bearer " + SECRET))
            .withHeader("Idempotency-Key", equalTo("tally-recharge-7"))
            .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
            .withFormParam("amount", equalTo("1050"))
            .withFormParam("currency", equalTo("usd"))
            .withFormParam("payment_method", equalTo("pm_card_visa"))
            .withFormParam("confirm", equalTo("true"))
            .withFormParam("description", equalTo("Tally credit $10.50"))
            .withFormParam("metadata[account_id]", equalTo("42")));
  }

  @Test
  void aCardErrorIsADeclineWithTheProcessorsCode() {
    answer(
        402,
        "{\"error\":{\"type\":\"card_error\",\"code\":\"card_declined\","
            + "\"message\":\"Your card was declined.\"}}");

    PaymentResult result = gateway(2).pay(request("10.00", "pm_card_declined", "k1"));

    assertEquals(PaymentResult.declined("card_declined", "Your card was declined."), result);
    processor.verify(1, postRequestedFor(urlEqualTo(INTENTS)));
  }

  @Test
  void aDeclineCodeIsPreferredToTheGeneralCode() {
    answer(
        402,
        "{\"error\":{\"type\":\"card_error\",\"code\":\"card_declined\","
            + "\"decline_code\":\"insufficient_funds\","
            + "\"message\":\"Your card has insufficient funds.\"}}");

    PaymentResult result = gateway(2).pay(request("10.00", "pm_card_insufficient_funds", "k2"));

    assertEquals(
        PaymentResult.declined("insufficient_funds", "Your card has insufficient funds."), result);
  }

  @Test
  void aServerErrorIsRetriedWithTheSameIdempotencyKey() {
    processor.stubFor(
        post(urlEqualTo(INTENTS))
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse().withStatus(500).withBody("{\"error\":{\"type\":\"api_error\"}}"))
            .willSetStateTo("recovered"));
    processor.stubFor(
        post(urlEqualTo(INTENTS))
            .inScenario("flaky")
            .whenScenarioStateIs("recovered")
            .willReturn(json(200, "{\"id\":\"pi_after_retry\",\"status\":\"succeeded\"}")));

    PaymentResult result = gateway(2).pay(request("5.00", "pm_card_visa", "same-key"));

    assertEquals(PaymentResult.succeeded("pi_after_retry"), result);
    processor.verify(
        2,
        postRequestedFor(urlEqualTo(INTENTS)).withHeader("Idempotency-Key", equalTo("same-key")));
  }

  @Test
  void aProcessorThatKeepsFailingLeavesThePaymentUnknownAfterBoundedRetries() {
    answer(503, "{\"error\":{\"type\":\"api_error\"}}");

    PaymentResult result = gateway(2).pay(request("5.00", "pm_card_visa", "k3"));

    assertEquals(Outcome.UNKNOWN, result.outcome());
    assertEquals("processor_unavailable", result.code());
    processor.verify(3, postRequestedFor(urlEqualTo(INTENTS)));
  }

  @Test
  void anAnswerSlowerThanTheTimeoutIsUnknownAfterRetryingWithTheSameKey() {
    processor.stubFor(
        post(urlEqualTo(INTENTS))
            .willReturn(
                json(200, "{\"id\":\"pi_late\",\"status\":\"succeeded\"}").withFixedDelay(1500)));
    ProcessorGateway gateway = new ProcessorGateway(base(), SECRET, Duration.ofMillis(300), 1);

    PaymentResult result = gateway.pay(request("5.00", "pm_card_visa", "slow-key"));

    assertEquals(Outcome.UNKNOWN, result.outcome());
    assertEquals("processor_unavailable", result.code());
    processor.verify(
        2,
        postRequestedFor(urlEqualTo(INTENTS)).withHeader("Idempotency-Key", equalTo("slow-key")));
  }

  @Test
  void aRefusedConnectionIsUnknown() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    ProcessorGateway gateway =
        new ProcessorGateway(
            URI.create("http://127.0.0.1:" + closedPort), SECRET, Duration.ofSeconds(2), 1);

    PaymentResult result = gateway.pay(request("5.00", "pm_card_visa", "k4"));

    assertEquals(Outcome.UNKNOWN, result.outcome());
    assertEquals("processor_unavailable", result.code());
  }

  @Test
  void anUnreadableAnswerIsUnknownWithoutRetrying() {
    answer(200, "<html>maintenance</html>");

    PaymentResult result = gateway(2).pay(request("5.00", "pm_card_visa", "k5"));

    assertEquals(Outcome.UNKNOWN, result.outcome());
    assertEquals("processor_unavailable", result.code());
    processor.verify(1, postRequestedFor(urlEqualTo(INTENTS)));
  }

  @Test
  void aRejectedKeyFailsWithoutRetrying() {
    answer(401, "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Invalid API Key\"}}");

    PaymentResult result = gateway(2).pay(request("5.00", "pm_card_visa", "k6"));

    assertEquals(Outcome.FAILED, result.outcome());
    processor.verify(1, postRequestedFor(urlEqualTo(INTENTS)));
  }

  @Test
  void anUnknownPaymentMethodIsADecline() {
    answer(
        400,
        "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"resource_missing\","
            + "\"param\":\"payment_method\",\"message\":\"No such PaymentMethod: 'pm_nope'\"}}");

    PaymentResult result = gateway(2).pay(request("5.00", "pm_nope", "k7"));

    assertEquals(
        PaymentResult.declined("invalid_payment_method", "No such PaymentMethod: 'pm_nope'"),
        result);
  }

  @Test
  void anIntentThatNeedsTheCustomerIsADecline() {
    answer(200, "{\"id\":\"pi_3ds\",\"status\":\"requires_action\"}");

    PaymentResult result = gateway(2).pay(request("5.00", "pm_card_visa", "k8"));

    assertEquals(Outcome.DECLINED, result.outcome());
    assertEquals("authentication_required", result.code());
  }

  @Test
  void anAmountThatIsNotWholeCentsIsRefusedBeforeCalling() {
    assertThrows(IllegalArgumentException.class, () -> request("10.005", "pm_card_visa", "k9"));
    assertThrows(IllegalArgumentException.class, () -> request("13.333333", "pm_card_visa", "k9"));
    processor.verify(0, postRequestedFor(urlEqualTo(INTENTS)));
  }

  @Test
  void aProrationIsChargedRoundedUpToCentsInTheFormAmount() {
    answer(200, "{\"id\":\"pi_prorated\",\"status\":\"succeeded\"}");
    BigDecimal proration = new BigDecimal("13.333333");

    PaymentResult result =
        gateway(2)
            .pay(
                new PaymentRequest(
                    42, Money.toCents(proration), "pm_card_visa", "upgrade-key", "Tally upgrade"));

    assertEquals(PaymentResult.succeeded("pi_prorated"), result);
    processor.verify(
        1, postRequestedFor(urlEqualTo(INTENTS)).withFormParam("amount", equalTo("1334")));
  }

  @Test
  void aTimedOutPaymentIsResolvedByAskingAgainUnderTheSameKeyAndChargedOnce() {
    // The processor takes the payment but its answer comes too late, three times (the first
    // attempt and the adapter's two retries); the next time Tally asks, it answers at once.
    processor.stubFor(
        post(urlEqualTo(INTENTS))
            .inScenario("slow")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                json(200, "{\"id\":\"pi_once\",\"status\":\"succeeded\"}").withFixedDelay(1500)));
    ProcessorGateway gateway = new ProcessorGateway(base(), SECRET, Duration.ofMillis(300), 2);
    PaymentRequest payment = request("25.00", "pm_card_visa", "tally-recharge-9-1");

    processor.stubFor(
        post(urlEqualTo(INTENTS))
            .inScenario("slow")
            .whenScenarioStateIs("answering")
            .willReturn(json(200, "{\"id\":\"pi_once\",\"status\":\"succeeded\"}")));

    PaymentResult first = gateway.pay(payment);
    processor.setScenarioState("slow", "answering");
    PaymentResult resolved = gateway.pay(payment);

    assertEquals(Outcome.UNKNOWN, first.outcome());
    assertEquals(PaymentResult.succeeded("pi_once"), resolved);
    processor.verify(4, postRequestedFor(urlEqualTo(INTENTS)));
    processor.verify(
        4,
        postRequestedFor(urlEqualTo(INTENTS))
            .withHeader("Idempotency-Key", equalTo("tally-recharge-9-1"))
            .withFormParam("amount", equalTo("2500")));
  }

  @Test
  void aTimedOutPaymentThatTheProcessorDeclinedResolvesDeclined() {
    processor.stubFor(
        post(urlEqualTo(INTENTS))
            .inScenario("slow-decline")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(504))
            .willSetStateTo("answering"));
    processor.stubFor(
        post(urlEqualTo(INTENTS))
            .inScenario("slow-decline")
            .whenScenarioStateIs("answering")
            .willReturn(
                json(
                    402,
                    "{\"error\":{\"type\":\"card_error\",\"code\":\"card_declined\","
                        + "\"message\":\"Your card was declined.\"}}")));
    ProcessorGateway gateway = new ProcessorGateway(base(), SECRET, Duration.ofSeconds(5), 0);
    PaymentRequest payment = request("25.00", "pm_card_visa", "declined-late");

    assertEquals(Outcome.UNKNOWN, gateway.pay(payment).outcome());
    assertEquals(
        PaymentResult.declined("card_declined", "Your card was declined."), gateway.pay(payment));
    processor.verify(
        2,
        postRequestedFor(urlEqualTo(INTENTS))
            .withHeader("Idempotency-Key", equalTo("declined-late")));
  }

  @Test
  void aKeyStillInUseOrAProcessingIntentIsUnknown() {
    answer(409, "{\"error\":{\"type\":\"idempotency_error\",\"code\":\"idempotency_key_in_use\"}}");
    assertEquals(Outcome.UNKNOWN, gateway(2).pay(request("5.00", "pm_card_visa", "k10")).outcome());

    processor.resetAll();
    answer(200, "{\"id\":\"pi_slow\",\"status\":\"processing\"}");
    assertEquals(Outcome.UNKNOWN, gateway(2).pay(request("5.00", "pm_card_visa", "k11")).outcome());
  }

  @Test
  void centsAreExact() {
    assertEquals(1, ProcessorGateway.cents(new BigDecimal("0.010000")));
    assertEquals(1_000_000, ProcessorGateway.cents(new BigDecimal("10000.00")));
    assertThrows(IllegalArgumentException.class, () -> ProcessorGateway.cents(BigDecimal.ZERO));
  }

  private ProcessorGateway gateway(int retries) {
    return new ProcessorGateway(base(), SECRET, Duration.ofSeconds(5), retries);
  }

  private URI base() {
    return URI.create(processor.baseUrl() + "/");
  }

  private void answer(int status, String body) {
    processor.stubFor(post(urlEqualTo(INTENTS)).willReturn(json(status, body)));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
      int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  private static PaymentRequest request(String amount, String token, String key) {
    BigDecimal dollars = new BigDecimal(amount);
    return new PaymentRequest(
        42,
        dollars,
        token,
        key,
        "Tally credit $" + dollars.setScale(2, java.math.RoundingMode.DOWN));
  }
}
