package io.tally.billing.pricing;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.metrics.BusinessMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Plugins that misbehaved at run time, counted per plugin with the last failure, for the admin's
 * page and the metrics ({@code tally_pricing_failures_total}). In memory: a count since this server
 * started is what an admin acts on, and a failure moves no money, so there is nothing to keep.
 */
@ApplicationScoped
public class PricingFailures {

  private static final Logger LOG = Logger.getLogger(PricingFailures.class.getName());

  /** One failure: when, pricing which model, and what the plugin did. */
  public record Failure(Instant at, String model, String what) {}

  /** A plugin's failures since the server started. */
  public record PluginFailures(String plugin, long count, Failure last) {}

  @Inject Clock clock;

  @Inject BusinessMetrics metrics;

  private final ConcurrentMap<String, PluginFailures> byPlugin = new ConcurrentHashMap<>();

  /** The refusal a caller gets when {@code plugin} failed; {@code message} says how. */
  static BillingException refusal(String plugin, String message) {
    return new BillingException(ErrorCode.PRICING_FAILED, message, null, Map.of("plugin", plugin));
  }

  /**
   * Counts what {@code plugin} threw while working for {@code model}, and answers the refusal. The
   * JVM's own failures other than a stack overflow (out of memory, an internal error) are not the
   * plugin's to answer for, and go on up.
   */
  BillingException thrown(String plugin, String model, Throwable thrown) {
    if (thrown instanceof VirtualMachineError fatal && !(thrown instanceof StackOverflowError)) {
      throw fatal;
    }
    BillingException refusal = refusal(plugin, "pricing plugin '" + plugin + "' threw " + thrown);
    tally(plugin, model, refusal);
    // The plugin's own stack trace is what its team needs.
    LOG.log(Level.WARNING, "model " + model + ": " + refusal.getMessage(), thrown);
    return refusal;
  }

  /**
   * Logs what {@code plugin} threw while describing, not pricing, for {@code model}: not counted,
   * since every read of the catalog would count it again and bury the calls that failed.
   */
  void logged(String plugin, String model, Throwable thrown) {
    if (thrown instanceof VirtualMachineError fatal && !(thrown instanceof StackOverflowError)) {
      throw fatal;
    }
    LOG.log(
        Level.WARNING,
        "model " + model + ": pricing plugin '" + plugin + "' failed to describe its prices",
        thrown);
  }

  /** Counts a refusal of what {@code plugin} answered for {@code model}. */
  void count(String plugin, String model, BillingException refusal) {
    tally(plugin, model, refusal);
    LOG.warning(() -> "model " + model + ": " + refusal.getMessage());
  }

  private void tally(String plugin, String model, BillingException refusal) {
    metrics.pricingFailed(plugin);
    Failure failure = new Failure(clock.instant(), model, refusal.getMessage());
    byPlugin.merge(
        plugin,
        new PluginFailures(plugin, 1, failure),
        (before, one) -> new PluginFailures(plugin, before.count() + 1, failure));
  }

  /** Every plugin that failed since the server started, by id. */
  public List<PluginFailures> list() {
    return byPlugin.values().stream().sorted(Comparator.comparing(PluginFailures::plugin)).toList();
  }
}
