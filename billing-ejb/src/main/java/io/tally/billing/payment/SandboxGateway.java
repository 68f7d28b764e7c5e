package io.tally.billing.payment;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default gateway: no network, and the test tokens card processors publish. {@code
 * pm_card_visa} and {@code pm_card_mastercard} succeed; {@code pm_card_declined} and {@code
 * pm_card_insufficient_funds} are declined with that code; any other token is declined as {@code
 * invalid_payment_method}. A payment id is derived from the idempotency key, so a retried payment
 * answers the same id, as a processor's idempotency would.
 *
 * <p>Two tokens act out a processor whose answer is lost: the first attempt under an idempotency
 * key answers {@link PaymentResult.Outcome#UNKNOWN} (as a timeout does), and asking again under the
 * same key answers what the processor did meanwhile: {@code pm_card_timeout} took the payment,
 * {@code pm_card_timeout_declined} declined it. The sandbox remembers the keys it has seen for them
 * in memory, so on a cluster a payment may answer UNKNOWN once per server before it resolves.
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

  private static final String TIMEOUT = "pm_card_timeout";
  private static final String TIMEOUT_DECLINED = "pm_card_timeout_declined";

  /** Idempotency keys whose first attempt, with a timeout token, was answered UNKNOWN. */
  private final Set<String> unanswered = ConcurrentHashMap.newKeySet();

  @Override
  public PaymentResult pay(PaymentRequest request) {
    String token = request.paymentMethod();
    if ((TIMEOUT.equals(token) || TIMEOUT_DECLINED.equals(token))
        && unanswered.add(request.idempotencyKey())) {
      return PaymentResult.unknown(
          ProcessorGateway.UNAVAILABLE, "The card processor did not answer in time.");
    }
    if ("pm_card_visa".equals(token)
        || "pm_card_mastercard".equals(token)
        || TIMEOUT.equals(token)) {
      UUID id = UUID.nameUUIDFromBytes(request.idempotencyKey().getBytes(StandardCharsets.UTF_8));
      return PaymentResult.succeeded("pi_sandbox_" + id.toString().replace("-", ""));
    }
    String code =
        TIMEOUT_DECLINED.equals(token)
            ? "card_declined"
            : DECLINES.getOrDefault(token, "invalid_payment_method");
    return PaymentResult.declined(code, MESSAGES.get(code));
  }
}
