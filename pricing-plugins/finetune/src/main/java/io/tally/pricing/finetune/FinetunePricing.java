package io.tally.pricing.finetune;

import io.tally.pricing.spi.Formulas;
import io.tally.pricing.spi.Mode;
import io.tally.pricing.spi.PriceSheet;
import io.tally.pricing.spi.PricingPlugin;
import io.tally.pricing.spi.Quote;
import io.tally.pricing.spi.UsageFacts;
import java.util.List;
import java.util.Set;

/**
 * Prices fine-tuning at a flat {@code ratePerSecond} (normally $0.001, exactly $0.000001 per
 * millisecond). A job runs for hours, so the server meters it while it runs: each call here prices
 * one reading of the meter, and the job's cost is the sum of its readings.
 */
public final class FinetunePricing implements PricingPlugin {

  static final String FAMILY = "finetune";

  @Override
  public String id() {
    return FAMILY;
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
    return Set.of(FAMILY);
  }

  @Override
  public void validate(PriceSheet sheet) {
    sheet.requireMode(Formulas.PER_SECOND);
    Formulas.validatePerSecond(sheet);
  }

  @Override
  public List<String> describe(PriceSheet sheet) {
    return List.of(Formulas.describePerSecond(sheet, "fine-tuning"));
  }

  /** One mode; the duration is the meter reading the server hands over. */
  @Override
  public List<Mode> modes() {
    return List.of(Formulas.perSecondMode("Fine-tuning time, read from the job's meter"));
  }

  @Override
  public Quote price(PriceSheet sheet, UsageFacts usage) {
    sheet.requireMode(Formulas.PER_SECOND);
    String description = Formulas.plain(Formulas.seconds(usage)) + " s of fine-tuning";
    return Quote.of(Formulas.perSecond(sheet, usage, description));
  }
}
