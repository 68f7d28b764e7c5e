package io.tally.billing.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class FailedCallPriceTest {

  private static BigDecimal d(String value) {
    return new BigDecimal(value);
  }

  @Test
  void chargesNothingWithoutARule() {
    assertEquals(d("0.000000"), FailedCallPrice.FREE.charge(d("0.040000")));
  }

  @Test
  void chargesTheShareRoundedHalfUpButAtLeastTheMinimum() {
    FailedCallPrice rule = new FailedCallPrice(d("0.001"), d("0.5"));
    assertEquals(d("0.020000"), rule.charge(d("0.040000")));
    // 0.5 × 0.000003 = 0.0000015, half-up to 0.000002; the minimum is higher.
    assertEquals(d("0.001000"), rule.charge(d("0.001500")));
    assertEquals(d("0.000002"), new FailedCallPrice(null, d("0.5")).charge(d("0.000003")));
  }

  @Test
  void neverChargesMoreThanTheSucceededCall() {
    assertEquals(d("0.000500"), new FailedCallPrice(d("0.001"), null).charge(d("0.000500")));
    assertEquals(d("0.000000"), new FailedCallPrice(d("0.001"), d("1")).charge(d("0")));
    assertEquals(d("0.040000"), new FailedCallPrice(null, d("1")).charge(d("0.040000")));
  }

  @Test
  void refusesAMinimumOrShareOutOfBoundsNamingTheField() {
    assertEquals(
        "failedCalls.minimum",
        assertThrows(BillingException.class, () -> new FailedCallPrice(d("-0.01"), null)).field());
    assertEquals(
        "failedCalls.minimum",
        assertThrows(BillingException.class, () -> new FailedCallPrice(d("0.0000001"), null))
            .field());
    assertEquals(
        "failedCalls.share",
        assertThrows(BillingException.class, () -> new FailedCallPrice(null, d("1.01"))).field());
    assertEquals(
        "failedCalls.share",
        assertThrows(BillingException.class, () -> new FailedCallPrice(null, d("-0.5"))).field());
  }
}
