package io.tally.billing.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.tally.billing.api.CallOutcome;
import io.tally.billing.api.CallPart;
import io.tally.billing.api.UsageEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FingerprintTest {

  @Test
  void sameCallSentWithKeysInAnotherOrderAndEqualNumbersHasOneFingerprint() {
    Map<String, Object> first = new LinkedHashMap<>();
    first.put("seconds", new BigDecimal("5"));
    first.put("resolution", "720p");
    Map<String, Object> second = new LinkedHashMap<>();
    second.put("resolution", "720p");
    second.put("seconds", new BigDecimal("5.0"));

    assertEquals(
        Fingerprint.of(event(new CallPart("video", null, first), null)),
        Fingerprint.of(event(new CallPart("video", null, second), null)));
  }

  @Test
  void anyDifferenceInWhatWasSentChangesTheFingerprint() {
    String base = Fingerprint.of(event(new CallPart("m", 1500L, Map.of()), null));

    assertNotEquals(base, Fingerprint.of(event(new CallPart("m", 1501L, Map.of()), null)));
    assertNotEquals(base, Fingerprint.of(event(new CallPart("n", 1500L, Map.of()), null)));
    assertNotEquals(
        base, Fingerprint.of(event(new CallPart("m", 1500L, Map.of("numImages", 1)), null)));
    assertNotEquals(base, Fingerprint.of(event(new CallPart("m", 1500L, Map.of()), 7L)));
    assertNotEquals(
        base,
        Fingerprint.of(
            new UsageEvent(
                "r",
                1,
                null,
                List.of(new CallPart("m", 1500L, Map.of())),
                null,
                Instant.parse("2026-11-29T00:00:00Z"))));
    assertEquals(64, base.length());
  }

  @Test
  void outcomeAndWaitsCountOnlyWhenTheyDifferFromAPlainSucceededCall() {
    String base = Fingerprint.of(event(new CallPart("m", 1500L, Map.of()), null));

    assertEquals(
        base,
        Fingerprint.of(
            event(new CallPart("m", 1500L, Map.of(), CallOutcome.SUCCEEDED, 0, 0), null)));
    assertNotEquals(
        base,
        Fingerprint.of(event(new CallPart("m", 1500L, Map.of(), CallOutcome.FAILED, 0, 0), null)));
    assertNotEquals(
        base,
        Fingerprint.of(
            event(new CallPart("m", 1500L, Map.of(), CallOutcome.SUCCEEDED, 1, 0), null)));
    assertNotEquals(
        base,
        Fingerprint.of(
            event(new CallPart("m", 1500L, Map.of(), CallOutcome.SUCCEEDED, 0, 1), null)));
  }

  private static UsageEvent event(CallPart part, Long authorizationId) {
    return new UsageEvent("r", 1, null, List.of(part), authorizationId, null);
  }
}
