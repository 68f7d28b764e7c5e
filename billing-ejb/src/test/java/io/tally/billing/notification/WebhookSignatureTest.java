package io.tally.billing.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  @Test
  void hmacIsSha256AsRfc4231Defines() {
    // RFC 4231, test case 2
    assertEquals(
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        WebhookSignature.hmac("Jefe", "what do ya want for nothing?"));
  }

  @Test
  void headerSignsTheTimeADotAndTheBody() {
    String body = "{\"id\":\"evt_1\"}";
    assertEquals(
        "t=1700000000,v1=" + WebhookSignature.hmac("whsec_k", "1700000000." + body),
        WebhookSignature.header("whsec_k", 1_700_000_000L, body));
  }
}
