package io.tally.billing.web.payment;

import io.tally.billing.api.BillingException;
import io.tally.billing.web.platform.Body;
import java.util.regex.Pattern;

/** Payment methods are processors' tokens ({@code pm_card_visa}, {@code pm_1Nx...}), not cards. */
final class PaymentMethods {

  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_]{1,100}");

  private PaymentMethods() {}

  static String optional(Body body) {
    String token = body.optionalText("paymentMethod", 100);
    if (token != null && !TOKEN.matcher(token).matches()) {
      throw BillingException.invalid(
          "paymentMethod", "paymentMethod must be a payment-method token such as pm_card_visa");
    }
    return token;
  }

  static String required(Body body) {
    String token = optional(body);
    if (token == null) {
      throw BillingException.missing("paymentMethod");
    }
    return token;
  }
}
