package io.tally.billing.usage;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.CallPart;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.api.UsageEvent;
import io.tally.billing.platform.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A usage event's fingerprint: the hex SHA-256 of a canonical form of what the gateway sent (keys
 * sorted, numbers without trailing zeros, so {@code 5} and {@code 5.0} are one body). Stored with
 * the charge in the same INSERT; a requestId replayed with another fingerprint is refused with 422
 * {@code idempotency_key_reused} instead of answering a charge for another call.
 */
final class Fingerprint {

  private Fingerprint() {}

  static String of(UsageEvent event) {
    Map<String, Object> body = new TreeMap<>();
    body.put("accountId", event.accountId());
    body.put("requestId", event.requestId());
    body.put("workflow", event.workflow());
    body.put("authorizationId", event.authorizationId());
    body.put("startedAt", event.startedAt() == null ? null : event.startedAt().toString());
    body.put("parts", event.parts().stream().map(Fingerprint::part).toList());
    StringBuilder canonical = new StringBuilder();
    write(canonical, body);
    return sha256(canonical.toString());
  }

  /**
   * Refuses a replay whose event differs from the first charge's; charges stored before
   * fingerprints were kept (null) answer as replays.
   */
  static void requireSame(Charge first, String fingerprint) {
    if (first.fingerprint() != null && !first.fingerprint().equals(fingerprint)) {
      throw new BillingException(
          ErrorCode.IDEMPOTENCY_KEY_REUSED,
          "requestId "
              + first.requestId()
              + " was charged for another call; a replay must send the same body",
          "requestId");
    }
  }

  private static Map<String, Object> part(CallPart part) {
    Map<String, Object> fields = new TreeMap<>();
    fields.put("model", part.model());
    fields.put("durationMs", part.durationMs());
    fields.put("parameters", part.parameters());
    // Only what differs from a plain succeeded call, so events sent before these fields existed
    // keep their fingerprint, and "succeeded" or 0 sent explicitly is the same body as absent.
    if (part.failed()) {
      fields.put("outcome", part.outcome().wire());
    }
    if (part.queueMs() != 0) {
      fields.put("queueMs", part.queueMs());
    }
    if (part.coldStartMs() != 0) {
      fields.put("coldStartMs", part.coldStartMs());
    }
    return fields;
  }

  private static void write(StringBuilder out, Object value) {
    if (value instanceof Map<?, ?> map) {
      out.append('{');
      new TreeMap<>(map)
          .forEach(
              (key, item) -> {
                out.append(Json.toJson(key.toString())).append(':');
                write(out, item);
                out.append(',');
              });
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      list.forEach(
          item -> {
            write(out, item);
            out.append(',');
          });
      out.append(']');
    } else if (value instanceof Number number) {
      out.append(new BigDecimal(number.toString()).stripTrailingZeros().toPlainString());
    } else {
      out.append(Json.toJson(value));
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
