package io.tally.billing.pricing;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.CallPart;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.api.LineItemView;
import io.tally.billing.api.Money;
import io.tally.billing.api.PricedBy;
import io.tally.billing.metrics.BusinessMetrics;
import io.tally.pricing.spi.LineItem;
import io.tally.pricing.spi.PriceSheet;
import io.tally.pricing.spi.PricingException;
import io.tally.pricing.spi.Quote;
import io.tally.pricing.spi.UsageFacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Prices calls: finds the price version in force when the call started, hands it to the family's
 * plugin, and checks what the plugin returns. Quotes, holds and charges all price through here, so
 * they always agree.
 */
@ApplicationScoped
public class Pricer {

  @Inject PriceBook book;

  @Inject ServingPlugins plugins;

  @Inject PricingFailures failures;

  @Inject BusinessMetrics metrics;

  /** One priced model call: its line items, who priced it, and its duration for the rollups. */
  public record PricedCall(
      String model,
      List<LineItemView> lines,
      PricedBy pricedBy,
      long durationMs,
      BigDecimal amount) {}

  /** Prices each part; {@code fieldPrefix} names where the parts sit in the request. */
  public List<PricedCall> price(List<CallPart> parts, Instant startedAt, String fieldPrefix) {
    return java.util.stream.IntStream.range(0, parts.size())
        .mapToObj(
            i ->
                price(
                    parts.get(i),
                    startedAt,
                    parts.size() == 1 && fieldPrefix.isEmpty() ? "" : fieldPrefix + "[" + i + "]."))
        .toList();
  }

  /**
   * Prices one call. A failed call is priced as if it had succeeded, then by its price version's
   * failed-call rule ({@link FailedCalls}); its queue and cold-start time are never priced.
   */
  public PricedCall price(CallPart part, Instant startedAt, String fieldPrefix) {
    Long durationMs = part.durationMs();
    if (durationMs != null && (durationMs < 0 || durationMs > UsageFacts.MAX_DURATION_MS)) {
      throw new BillingException(
          ErrorCode.INVALID_PARAMETER,
          "durationMs must be between 0 and " + UsageFacts.MAX_DURATION_MS,
          fieldPrefix + "durationMs");
    }
    checkWait(part.queueMs(), fieldPrefix + "queueMs");
    checkWait(part.coldStartMs(), fieldPrefix + "coldStartMs");
    PriceBook.Prices prices = book.prices(part.model(), fieldPrefix + "model");
    PriceBook.Version version = prices.inForce(startedAt);
    String family = prices.model().family();
    PluginLoader.Loaded loaded =
        plugins
            .forFamily(family)
            .orElseThrow(
                () ->
                    new BillingException(
                        ErrorCode.PLUGIN_UNAVAILABLE,
                        "no pricing plugin is loaded for family " + family,
                        null,
                        Map.of("family", family)));
    List<LineItem> items = quote(loaded, part, version, fieldPrefix);
    PricedBy pricedBy =
        new PricedBy(loaded.plugin().id(), loaded.plugin().version(), version.number());
    List<LineItemView> lines =
        items.stream()
            .map(
                item ->
                    new LineItemView(
                        part.model(),
                        item.description(),
                        item.quantity().toPlainString(),
                        item.unit(),
                        item.unitPrice().toPlainString(),
                        Money.format(item.amount()),
                        pricedBy))
            .toList();
    BigDecimal amount = items.stream().map(LineItem::amount).reduce(Money.ZERO, BigDecimal::add);
    PricedCall priced =
        new PricedCall(
            part.model(), lines, pricedBy, durationMs == null ? 0 : durationMs, Money.of(amount));
    return part.failed() ? FailedCalls.price(priced, version.failedCalls()) : priced;
  }

  private static void checkWait(long waitMs, String field) {
    if (waitMs < 0 || waitMs > CallPart.MAX_WAIT_MS) {
      throw new BillingException(
          ErrorCode.INVALID_PARAMETER,
          field + " must be between 0 and " + CallPart.MAX_WAIT_MS,
          field);
    }
  }

  /**
   * The plugin's checked line items. Its {@link PricingException} is the caller's bad input (400);
   * anything else it throws (an {@link Error} too: a stack overflow, a class its jar lacks) or a
   * quote the server refuses is the plugin's fault, counted and answered {@code 502
   * pricing_failed}. Either way nothing was written yet, so no money moves.
   */
  private List<LineItem> quote(
      PluginLoader.Loaded loaded, CallPart part, PriceBook.Version version, String fieldPrefix) {
    String pluginId = loaded.plugin().id();
    PriceSheet sheet = Sheets.toSheet(version.pricing());
    UsageFacts usage = new UsageFacts(part.durationMs(), part.parameters());
    Quote quote;
    long started = System.nanoTime();
    try {
      quote = loaded.plugin().price(sheet, usage);
      metrics.priced(pluginId, System.nanoTime() - started);
    } catch (PricingException invalid) {
      throw new BillingException(
          ErrorCode.INVALID_PARAMETER, invalid.getMessage(), fieldPrefix + invalid.field());
    } catch (Throwable broken) {
      throw failures.thrown(pluginId, part.model(), broken);
    }
    try {
      return QuoteChecker.check(pluginId, quote);
    } catch (BillingException malformed) {
      failures.count(pluginId, part.model(), malformed);
      throw malformed;
    }
  }
}
