package io.tally.billing.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.billing.payment.PaymentResult.Outcome;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The sandbox's test tokens, including the two that act out a processor timeout. */
class SandboxGatewayTest {

  private final SandboxGateway sandbox = new SandboxGateway();

  @Test
  void aTimeoutTokenIsUnknownOnceThenAnswersTheSamePaymentUnderItsKey() {
    PaymentResult first = sandbox.pay(request("pm_card_timeout", "key-1"));
    PaymentResult second = sandbox.pay(request("pm_card_timeout", "key-1"));
    PaymentResult third = sandbox.pay(request("pm_card_timeout", "key-1"));

    assertEquals(Outcome.UNKNOWN, first.outcome());
    assertEquals("processor_unavailable", first.code());
    assertTrue(second.succeeded());
    assertEquals(second, third);
    assertEquals(Outcome.UNKNOWN, sandbox.pay(request("pm_card_timeout", "key-2")).outcome());
  }

  @Test
  void aTimeoutDeclinedTokenIsUnknownOnceThenDeclined() {
    assertEquals(Outcome.UNKNOWN, sandbox.pay(request("pm_card_timeout_declined", "k")).outcome());
    assertEquals(
        PaymentResult.declined("card_declined", "Your card was declined."),
        sandbox.pay(request("pm_card_timeout_declined", "k")));
  }

  @Test
  void theUsualTokensAnswerAtOnce() {
    assertTrue(sandbox.pay(request("pm_card_visa", "v")).succeeded());
    assertEquals(
        "insufficient_funds", sandbox.pay(request("pm_card_insufficient_funds", "i")).code());
    assertEquals("invalid_payment_method", sandbox.pay(request("pm_nope", "n")).code());
  }

  private static PaymentRequest request(String token, String key) {
    return new PaymentRequest(7, new BigDecimal("12.34"), token, key, "test");
  }
}
