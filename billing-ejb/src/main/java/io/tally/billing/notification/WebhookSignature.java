package io.tally.billing.notification;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Tally-Signature} header of a webhook call: {@code t=<unix seconds>,v1=<hex
 * HMAC-SHA256>} over {@code t + "." + body}, keyed with the webhook's whole secret ({@code
 * whsec_...}) as UTF-8 bytes. The receiver recomputes it, compares in constant time and refuses an
 * old {@code t}, so a captured call cannot be replayed later.
 */
final class WebhookSignature {

  private WebhookSignature() {}

  static String header(String secret, long unixSeconds, String body) {
    return "t=" + unixSeconds + ",v1=" + hmac(secret, unixSeconds + "." + body);
  }

  static String hmac(String secret, String signed) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }
}
