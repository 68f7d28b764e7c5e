package io.tally.billing.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tally.billing.api.ErrorCode;
import io.tally.billing.payment.RechargeRow.Status;
import org.junit.jupiter.api.Test;

/** A refused payment answers with the processor's code where Tally has one for it. */
class PaymentErrorsTest {

  @Test
  void knownDeclineCodesAnswerThemselves() {
    assertEquals(ErrorCode.CARD_DECLINED, PaymentErrors.code(Status.DECLINED, "card_declined"));
    assertEquals(
        ErrorCode.INSUFFICIENT_FUNDS, PaymentErrors.code(Status.DECLINED, "insufficient_funds"));
    assertEquals(
        ErrorCode.INVALID_PAYMENT_METHOD,
        PaymentErrors.code(Status.DECLINED, "invalid_payment_method"));
  }

  @Test
  void otherDeclineCodesAreCardDeclined() {
    assertEquals(ErrorCode.CARD_DECLINED, PaymentErrors.code(Status.DECLINED, "expired_card"));
    assertEquals(ErrorCode.CARD_DECLINED, PaymentErrors.code(Status.DECLINED, null));
  }

  @Test
  void aFailedPaymentIsTheProcessorBeingUnavailable() {
    assertEquals(
        ErrorCode.PROCESSOR_UNAVAILABLE,
        PaymentErrors.code(Status.FAILED, "processor_unavailable"));
  }
}
