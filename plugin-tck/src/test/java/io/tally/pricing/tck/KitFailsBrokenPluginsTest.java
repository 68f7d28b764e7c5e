package io.tally.pricing.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.pricing.spi.PricingPlugin;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The kit fails each deliberately broken plugin in the check that names its mistake, and passes the
 * good one whole. Each broken plugin's kit is a nested class, which surefire does not run by
 * itself; the JUnit Platform launcher runs it here.
 */
class KitFailsBrokenPluginsTest {

  private static final int CHECKS = 14;

  @Test
  void passesAPluginThatKeepsEveryRule() {
    KitRun run = KitRun.of(GoodPluginTest.class);

    assertEquals(Map.of(), run.failed());
    assertEquals(CHECKS, run.passed().size(), run.passed().toString());
  }

  @Test
  void failsAPluginThatReadsTheClock() {
    String failure = KitRun.of(ClockReading.class).failure("readsNoClockDoesNoIoAndHoldsNoState");

    assertTrue(
        failure.contains("io.tally.pricing.tck.ClockReadingPlugin reads the clock: java/time/"),
        failure);
  }

  @Test
  void failsAPluginThatKeepsACounter() {
    KitRun run = KitRun.of(Counting.class);

    String interleaved = run.failure("givesTheSameQuoteWhateverWasPricedBefore");
    assertTrue(interleaved.contains("where a fresh plugin total"), interleaved);
    String threads = run.failure("givesTheSameQuoteOnEightThreadsAtOnce");
    assertTrue(threads.contains("on thread "), threads);
    String code = run.failure("readsNoClockDoesNoIoAndHoldsNoState");
    assertTrue(code.contains("CountingPlugin.calls holds state: a AtomicLong"), code);
  }

  @Test
  void failsAPluginThatRoundsHalfToEven() {
    String failure = KitRun.of(HalfEven.class).failure("pricesEverySampleCallWithLinesThatAddUp");

    assertTrue(failure.contains("sample 'per_unit at half a micro-dollar', call #1"), failure);
    assertTrue(
        failure.contains(
            "amount 0.000002 is not quantity 5 x unit price 0.0000005 rounded half-up to 6"
                + " places, 0.000003"),
        failure);
  }

  @Test
  void failsAPluginWhoseLineDoesNotAddUp() {
    String failure =
        KitRun.of(OffByAMicroDollar.class).failure("pricesEverySampleCallWithLinesThatAddUp");

    assertTrue(failure.contains("amount 0.250001 is not quantity 1 x unit price 0.25"), failure);
  }

  @Test
  void failsAPluginThatReturnsANegativeAmount() {
    String failure =
        KitRun.of(NegativeLine.class).failure("pricesEverySampleCallWithLinesThatAddUp");

    assertTrue(failure.contains("amount -0.250000 is negative"), failure);
  }

  @Test
  void failsAPluginThatAcceptsABadSheet() {
    String failure = KitRun.of(Lax.class).failure("refusesEveryMalformedSheetNamingTheField");

    assertTrue(
        failure.contains(
            "sheet {\"mode\":\"per_unit\"} is accepted; it must be refused naming"
                + " pricing.pricePerUnit"),
        failure);
  }

  @Test
  void failsAPluginThatNamesTheWrongField() {
    String failure =
        KitRun.of(WrongField.class).failure("refusesEveryMalformedSheetNamingTheField");

    assertTrue(
        failure.contains("is refused naming pricing.price instead of pricing.pricePerUnit"),
        failure);
  }

  @Test
  void failsAPluginThatIsNotMonotone() {
    String failure =
        KitRun.of(BulkDiscount.class).failure("neverCostsLessForMoreOfAMonotoneParameter");

    assertTrue(
        failure.contains(
            "sample 'per_unit at $0.25', call #1: parameters.units 126 costs 15.750000, less than"
                + " 84 at 21.000000"),
        failure);
  }

  @Test
  void failsAPluginThatPricesPastItsStatedBounds() {
    String failure =
        KitRun.of(Unbounded.class).failure("refusesCallsOutOfBoundsNamingTheParameter");

    assertTrue(failure.contains("(units=1001) must be refused naming parameters.units"), failure);
  }

  static class ClockReading extends GoodPluginTest {
    @Override
    protected PricingPlugin plugin() {
      return new ClockReadingPlugin();
    }
  }

  static class Counting extends GoodPluginTest {
    @Override
    protected PricingPlugin plugin() {
      return new CountingPlugin();
    }
  }

  static class HalfEven extends GoodPluginTest {
    @Override
    protected PricingPlugin plugin() {
      return new HalfEvenPlugin();
    }
  }

  static class OffByAMicroDollar extends GoodPluginTest {
    @Override
    protected PricingPlugin plugin() {
      return new OffByAMicroDollarPlugin();
    }
  }

  static class NegativeLine extends GoodPluginTest {
    @Override
    protected PricingPlugin plugin() {
      return new NegativeLinePlugin();
    }
  }

  static class Lax extends GoodPluginTest {
    @Override
    protected PricingPlugin plugin() {
      return new LaxPlugin();
    }
  }

  static class WrongField extends GoodPluginTest {
    @Override
    protected PricingPlugin plugin() {
      return new WrongFieldPlugin();
    }
  }

  static class BulkDiscount extends GoodPluginTest {
    @Override
    protected PricingPlugin plugin() {
      return new BulkDiscountPlugin();
    }
  }

  static class Unbounded extends GoodPluginTest {
    @Override
    protected PricingPlugin plugin() {
      return new UnboundedPlugin();
    }
  }
}
