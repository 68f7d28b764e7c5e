package io.tally.billing.web.support;

import io.tally.pricing.spi.Field;
import io.tally.pricing.spi.LineItem;
import io.tally.pricing.spi.Mode;
import io.tally.pricing.spi.PriceSheet;
import io.tally.pricing.spi.PricingPlugin;
import io.tally.pricing.spi.Quote;
import io.tally.pricing.spi.UsageFacts;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * A pricing plugin that misbehaves on demand: the sheet's {@code mode} picks how. Mode {@code ok}
 * prices a call at {@code pricePerCall}, so the same plugin's healthy models still charge. The
 * SPI's {@code LineItem} and {@code Quote} refuse a malformed line or an empty quote as they are
 * built, so those modes throw inside the plugin, as a plugin built against a laxer SPI might fail
 * in the server's {@code QuoteChecker} instead; both answer the same. Only {@code
 * PricingFaultsIT}'s deployment lists it as a service; in other test WARs it is inert.
 */
public final class FaultyPricing implements PricingPlugin {

  public static final String FAMILY = "faulty";

  private static final List<String> MODES =
      List.of(
          "ok",
          "throws",
          "null",
          "empty",
          "negative",
          "unbalanced",
          "fine",
          "overflow",
          "linkage",
          "badsheet");

  @Override
  public String id() {
    return FAMILY;
  }

  @Override
  public String version() {
    return "0.1.0";
  }

  @Override
  public String spiVersion() {
    return SPI_VERSION;
  }

  @Override
  public Set<String> families() {
    return Set.of(FAMILY);
  }

  /** Mode {@code badsheet} fails checking the sheet, rather than refusing it. */
  @Override
  public void validate(PriceSheet sheet) {
    sheet.requireMode(MODES.toArray(String[]::new));
    if ("ok".equals(sheet.mode())) {
      sheet.decimal("pricePerCall");
    }
    if ("badsheet".equals(sheet.mode())) {
      throw new ClassCastException("the faulty plugin cannot read its own sheet");
    }
  }

  @Override
  public Quote price(PriceSheet sheet, UsageFacts usage) {
    return switch (sheet.mode()) {
      case "ok" ->
          Quote.of(LineItem.of("one call", BigDecimal.ONE, "call", sheet.decimal("pricePerCall")));
      case "throws" -> throw new IllegalStateException("the faulty plugin throws, as asked");
      case "null" -> null;
      case "empty" -> new Quote(List.of());
      case "negative" -> Quote.of(line("-0.010000", "-0.010000"));
      case "unbalanced" -> Quote.of(line("0.010000", "0.030000"));
      case "fine" -> Quote.of(line("0.0000001", "0.0000001"));
      case "overflow" -> throw new StackOverflowError();
      case "linkage" -> throw new NoClassDefFoundError("io/example/Missing");
      default -> throw new IllegalStateException("no such mode " + sheet.mode());
    };
  }

  /** One call at {@code unitPrice} claiming {@code amount}; the server checks the arithmetic. */
  private static LineItem line(String unitPrice, String amount) {
    return new LineItem(
        "one call", BigDecimal.ONE, "call", new BigDecimal(unitPrice), new BigDecimal(amount));
  }

  /** Describes its sheets, except in mode {@code throws}, where describing fails too. */
  @Override
  public List<String> describe(PriceSheet sheet) {
    if ("throws".equals(sheet.mode())) {
      throw new IllegalStateException("the faulty plugin cannot describe, as asked");
    }
    return "ok".equals(sheet.mode())
        ? List.of("$" + sheet.decimal("pricePerCall").toPlainString() + " per call")
        : List.of("misbehaves: " + sheet.mode());
  }

  @Override
  public List<Mode> modes() {
    return List.of(
        new Mode(
            "ok",
            "A price per call",
            List.of(Field.amount("pricePerCall", "USD per call", "What one call costs")),
            List.of()));
  }
}
