package io.tally.pricing.tck;

import io.tally.pricing.spi.Field;
import io.tally.pricing.spi.Formulas;
import io.tally.pricing.spi.LineItem;
import io.tally.pricing.spi.Mode;
import io.tally.pricing.spi.PriceSheet;
import io.tally.pricing.spi.PricingException;
import io.tally.pricing.spi.PricingPlugin;
import io.tally.pricing.spi.Quote;
import io.tally.pricing.spi.UsageFacts;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * A plugin that keeps every rule: it prices "toys" per unit or per GPU-second. The broken plugins
 * of the kit's own tests each override one step of it with a mistake.
 */
public class GoodPlugin implements PricingPlugin {

  static final String PER_UNIT = "per_unit";
  static final long MAX_UNITS = 1000;

  @Override
  public String id() {
    return "toy";
  }

  @Override
  public String version() {
    return "1.0.0";
  }

  @Override
  public String spiVersion() {
    return SPI_VERSION;
  }

  @Override
  public Set<String> families() {
    return Set.of("toy");
  }

  @Override
  public void validate(PriceSheet sheet) {
    sheet.requireMode(PER_UNIT, Formulas.PER_SECOND);
    if (PER_UNIT.equals(sheet.mode())) {
      pricePerUnit(sheet);
    } else {
      Formulas.validatePerSecond(sheet);
    }
  }

  @Override
  public Quote price(PriceSheet sheet, UsageFacts usage) {
    validate(sheet);
    if (!PER_UNIT.equals(sheet.mode())) {
      return Quote.of(Formulas.perSecond(sheet, usage));
    }
    long units = units(usage);
    return Quote.of(line(units + " units", BigDecimal.valueOf(units), pricePerUnit(sheet)));
  }

  protected BigDecimal pricePerUnit(PriceSheet sheet) {
    return sheet.decimal("pricePerUnit");
  }

  protected long units(UsageFacts usage) {
    return usage.integerOr("units", 1, 1, MAX_UNITS);
  }

  protected LineItem line(String description, BigDecimal quantity, BigDecimal unitPrice) {
    return LineItem.of(description, quantity, "unit", unitPrice);
  }

  @Override
  public List<String> describe(PriceSheet sheet) {
    if (PER_UNIT.equals(sheet.mode())) {
      return List.of("$" + Formulas.plain(sheet.decimal("pricePerUnit")) + " per toy");
    }
    return List.of("$" + Formulas.plain(sheet.decimal("ratePerSecond")) + " per second of GPU");
  }

  @Override
  public List<Mode> modes() {
    return List.of(
        new Mode(
            PER_UNIT,
            "A price per toy",
            List.of(Field.amount("pricePerUnit", "USD per toy", "The price of one toy")),
            List.of(
                Field.integer("units", "toys", 1, MAX_UNITS, false, "How many toys").asMonotone())),
        new Mode(
            Formulas.PER_SECOND,
            "GPU time",
            List.of(Field.amount("ratePerSecond", "USD per second", "The price of a second")),
            List.of(
                Field.integer(
                        "durationMs",
                        "ms",
                        0,
                        UsageFacts.MAX_DURATION_MS,
                        true,
                        "How long the call ran")
                    .asMonotone())));
  }

  /** For the broken plugins: a refusal as the SPI would word it. */
  static PricingException refused(String field) {
    return new PricingException(field, field + " is wrong");
  }
}
