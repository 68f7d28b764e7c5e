package io.tally.billing.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.metrics.NoMetrics;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PricingFailuresTest {

  private static final Instant NOW = Instant.parse("2026-05-01T10:15:30Z");

  private final PricingFailures failures = new PricingFailures();

  /** The plugins whose failures reached the metrics, in order. */
  private final List<String> counted = new ArrayList<>();

  {
    failures.clock = Clock.fixed(NOW, ZoneOffset.UTC);
    failures.metrics =
        new NoMetrics() {
          @Override
          public void pricingFailed(String plugin) {
            counted.add(plugin);
          }
        };
  }

  @Test
  void countsEachPluginAndKeepsItsLastFailure() {
    failures.thrown("video", "v1", new IllegalStateException("first"));
    failures.count("video", "v2", PricingFailures.refusal("video", "returned no line items"));
    failures.thrown("image", "i1", new NoClassDefFoundError("io/example/Missing"));

    List<PricingFailures.PluginFailures> listed = failures.list();

    assertEquals(List.of("image", "video"), listed.stream().map(f -> f.plugin()).toList());
    assertEquals(1, listed.get(0).count());
    assertEquals(2, listed.get(1).count());
    assertEquals(
        new PricingFailures.Failure(NOW, "v2", "returned no line items"), listed.get(1).last());
    assertEquals(List.of("video", "video", "image"), counted);
  }

  @Test
  void answersPricingFailedNamingThePlugin() {
    BillingException refusal = failures.thrown("video", "v1", new StackOverflowError());

    assertEquals(ErrorCode.PRICING_FAILED, refusal.code());
    assertEquals(502, refusal.code().httpStatus());
    assertEquals("video", refusal.details().get("plugin"));
    assertEquals("pricing plugin 'video' threw java.lang.StackOverflowError", refusal.getMessage());
  }

  @Test
  void aFailureToDescribeIsLoggedNotCounted() {
    failures.logged("video", "v1", new IllegalStateException("no words"));

    assertEquals(List.of(), failures.list());
    assertEquals(List.of(), counted);
  }

  @Test
  void leavesTheJvmsOwnFailuresToTheJvm() {
    OutOfMemoryError fatal = new OutOfMemoryError("heap");

    assertSame(
        fatal, assertThrows(OutOfMemoryError.class, () -> failures.thrown("video", "v1", fatal)));
    assertEquals(List.of(), failures.list());
  }
}
