package io.tally.billing.payment;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * The default gateway: no network, and the test tokens card processors publish. {@code
 * pm_card_visa} and {@code pm_card_mastercard} succeed; {@code pm_card_declined} and {@code
 * pm_card_insufficient_funds} are declined with that code; any other token is declined as {@code
 * invalid_payment_method}. A payment id is derived from the idempotency key, so a retried payment
 * answers the same id, as a processor's idempotency would.
 *
 * <p>This is a product feature, not a test double: the demo, a staging install and a customer's
 * trial pay with these tokens through exactly the path a real processor takes (recorded recharge,
 * payment outside the transaction, credit with the row's completion), so what they show is what
 * production does. Nothing in Tally asks whether it is being tested.
 */
public class SandboxGateway implements PaymentGateway {

  private static final Map<String, String> DECLINES =
      Map.of(
          "pm_card_declined", "card_declined",
          "pm_card_insufficient_funds", "insufficient_funds");

  private static final Map<String, String> MESSAGES =
      Map.of(
          "card_declined", "Your card was declined.",
          "insufficient_funds", "Your card has insufficient funds.",
          "invalid_payment_method", "This payment method is not known.");

  @Override
  public PaymentResult pay(PaymentRequest request) {
    String token = request.paymentMethod();
    if ("pm_card_visa".equals(token) || "pm_card_mastercard".equals(token)) {
      UUID id = UUID.nameUUIDFromBytes(request.idempotencyKey().getBytes(StandardCharsets.UTF_8));
      return PaymentResult.succeeded("pi_sandbox_" + id.toString().replace("-", ""));
    }
    String code = DECLINES.getOrDefault(token, "invalid_payment_method");
    return PaymentResult.declined(code, MESSAGES.get(code));
  }
}
