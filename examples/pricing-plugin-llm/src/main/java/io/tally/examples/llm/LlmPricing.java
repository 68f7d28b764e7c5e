package io.tally.examples.llm;

import io.tally.pricing.spi.Field;
import io.tally.pricing.spi.LineItem;
import io.tally.pricing.spi.Mode;
import io.tally.pricing.spi.PriceSheet;
import io.tally.pricing.spi.PricingPlugin;
import io.tally.pricing.spi.Quote;
import io.tally.pricing.spi.UsageFacts;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Prices the {@code llm} family per token. Mode {@code per_token}: input, cached input and output
 * tokens each at a rate per million; from release 2.0.0, uncached input beyond the first {@value
 * #LONG_CONTEXT_TOKENS} tokens of a call at the long-context rate. Cached input tokens are counted
 * apart from {@code inputTokens} (not inside it), so more of any parameter never costs less.
 */
public final class LlmPricing implements PricingPlugin {

  static final String FAMILY = "llm";
  static final String PER_TOKEN = "per_token";

  static final String INPUT_TOKENS = "inputTokens";
  static final String CACHED_INPUT_TOKENS = "cachedInputTokens";
  static final String OUTPUT_TOKENS = "outputTokens";

  /** The most tokens of each kind one call may report: beyond any context window today. */
  static final long MAX_TOKENS = 10_000_000;

  /** Uncached input tokens of one call priced at the input rate before the long-context rate. */
  static final long LONG_CONTEXT_TOKENS = 200_000;

  private final Release release;

  /** The plugin as its jar was built; the constructor the server's {@code ServiceLoader} calls. */
  public LlmPricing() {
    this(Release.OF_THIS_JAR);
  }

  /** The plugin as {@code release} priced, so one test run checks every release's rules. */
  LlmPricing(Release release) {
    this.release = release;
  }

  @Override
  public String id() {
    return FAMILY;
  }

  @Override
  public String version() {
    return release.version();
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
    Rates.of(sheet, release);
  }

  @Override
  public Quote price(PriceSheet sheet, UsageFacts usage) {
    Rates rates = Rates.of(sheet, release);
    long input = usage.integer(INPUT_TOKENS, 0, MAX_TOKENS);
    long cached = usage.integerOr(CACHED_INPUT_TOKENS, 0, 0, MAX_TOKENS);
    long output = usage.integer(OUTPUT_TOKENS, 0, MAX_TOKENS);

    long longContext = release.hasLongContextRule() ? Math.max(0, input - LONG_CONTEXT_TOKENS) : 0;
    List<LineItem> lines = new ArrayList<>();
    lines.add(tokens(input - longContext, "input tokens", rates.input()));
    if (longContext > 0) {
      lines.add(tokens(longContext, "long-context input tokens", rates.longContextInput()));
    }
    if (cached > 0) {
      lines.add(tokens(cached, "cached input tokens", rates.cachedInput()));
    }
    lines.add(tokens(output, "output tokens", rates.output()));
    return new Quote(lines);
  }

  @Override
  public List<String> describe(PriceSheet sheet) {
    Rates rates = Rates.of(sheet, release);
    List<String> lines = new ArrayList<>();
    lines.add(dollars(rates.input()) + " per million input tokens");
    if (release.hasLongContextRule()) {
      lines.add(
          dollars(rates.longContextInput())
              + " per million input tokens beyond the first "
              + count(LONG_CONTEXT_TOKENS)
              + " of a call");
    }
    lines.add(dollars(rates.cachedInput()) + " per million cached input tokens");
    lines.add(dollars(rates.output()) + " per million output tokens");
    return List.copyOf(lines);
  }

  @Override
  public List<Mode> modes() {
    String perMillion = "USD per million tokens";
    List<Field> sheet = new ArrayList<>();
    sheet.add(Field.amount(Rates.INPUT, perMillion, "Uncached input tokens."));
    sheet.add(
        Field.amount(Rates.CACHED_INPUT, perMillion, "Cached input tokens; else the input rate.")
            .asOptional());
    sheet.add(Field.amount(Rates.OUTPUT, perMillion, "Output tokens."));
    String description = "A price per million tokens: input, cached input and output apart.";
    if (release.hasLongContextRule()) {
      sheet.add(
          Field.amount(
                  Rates.LONG_CONTEXT_INPUT,
                  perMillion,
                  "Input tokens beyond the first "
                      + count(LONG_CONTEXT_TOKENS)
                      + " of a call; else twice the input rate.")
              .asOptional());
      description += " Input beyond " + count(LONG_CONTEXT_TOKENS) + " tokens costs more.";
    }
    List<Field> parameters =
        List.of(
            tokenCount(INPUT_TOKENS, "Uncached input tokens of the call.").asMonotone(),
            tokenCount(CACHED_INPUT_TOKENS, "Input tokens read from the cache, apart.")
                .asOptional()
                .asMonotone(),
            tokenCount(OUTPUT_TOKENS, "Output tokens of the call.").asMonotone());
    return List.of(new Mode(PER_TOKEN, description, sheet, parameters));
  }

  /** {@code count × perMillion / 10⁶}: the rate per token is exact, so is the product. */
  private static LineItem tokens(long count, String what, BigDecimal perMillion) {
    return LineItem.of(
        count(count) + " " + what, BigDecimal.valueOf(count), "token", perToken(perMillion));
  }

  /** {@code 3} per million is {@code 0.000003} per token, written without trailing zeros. */
  private static BigDecimal perToken(BigDecimal perMillion) {
    BigDecimal perToken = perMillion.movePointLeft(6).stripTrailingZeros();
    return perToken.scale() < 0 ? perToken.setScale(0) : perToken;
  }

  private static Field tokenCount(String name, String description) {
    return Field.integer(name, "tokens", 0, MAX_TOKENS, true, description);
  }

  private static String count(long count) {
    return String.format(Locale.ROOT, "%,d", count);
  }

  /** {@code $3.00}, {@code $0.075}: cents at least, then as many digits as the rate has. */
  private static String dollars(BigDecimal amount) {
    BigDecimal plain = amount.stripTrailingZeros();
    return "$" + (plain.scale() < 2 ? plain.setScale(2) : plain).toPlainString();
  }
}
