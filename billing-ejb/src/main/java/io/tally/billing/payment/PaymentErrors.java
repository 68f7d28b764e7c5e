package io.tally.billing.payment;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.payment.RechargeRow.Status;
import java.util.LinkedHashMap;
import java.util.Map;

/** The error code a refused payment answers with: the processor's own where Tally knows it. */
public final class PaymentErrors {

  private PaymentErrors() {}

  static ErrorCode code(Status status, String processorCode) {
    if (status == Status.FAILED) {
      return ErrorCode.PROCESSOR_UNAVAILABLE;
    }
    return declined(processorCode);
  }

  /** The answer to a payment that did not succeed (subscriptions use it as recharges do). */
  public static ErrorCode code(PaymentResult result) {
    return result.outcome() == PaymentResult.Outcome.DECLINED
        ? declined(result.code())
        : ErrorCode.PROCESSOR_UNAVAILABLE;
  }

  /**
   * A refused card as an answer, as a refused recharge answers: the processor's code where known
   * (in {@code declineCode} when Tally's own code says something else).
   */
  public static BillingException refusal(PaymentResult paid) {
    ErrorCode code = code(paid);
    Map<String, Object> details = new LinkedHashMap<>();
    if (paid.code() != null && !code.code().equals(paid.code())) {
      details.put("declineCode", paid.code());
    }
    return new BillingException(
        code,
        paid.message() != null ? paid.message() : "the payment did not go through",
        "paymentMethod",
        details);
  }

  private static ErrorCode declined(String processorCode) {
    return switch (processorCode == null ? "" : processorCode) {
      case "insufficient_funds" -> ErrorCode.INSUFFICIENT_FUNDS;
      case "invalid_payment_method" -> ErrorCode.INVALID_PAYMENT_METHOD;
      default -> ErrorCode.CARD_DECLINED;
    };
  }
}
