package io.tally.pricing.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuoteTest {

  private static LineItem line(String quantity, String unitPrice) {
    return LineItem.of("line", new BigDecimal(quantity), "second", new BigDecimal(unitPrice));
  }

  @Test
  void totalIsTheSumOfTheRoundedLineAmounts() {
    // 0.0000025 and 0.0000025 round to 0.000003 each: the charge is 0.000006, not round(0.000005).
    Quote quote = Quote.of(line("1", "0.0000025"), line("1", "0.0000025"));

    assertEquals(new BigDecimal("0.000006"), quote.total());
  }

  @Test
  void totalAddsLinesOfDifferentSizes() {
    Quote quote = Quote.of(line("2", "1.5"), line("0.5", "0.000002"), line("3", "0.333333"));

    assertEquals(new BigDecimal("4.000000"), quote.total());
  }

  @Test
  void refusesAQuoteWithoutLines() {
    assertThrows(IllegalArgumentException.class, () -> new Quote(List.of()));
  }

  @Test
  void refusesAMissingLineList() {
    assertThrows(NullPointerException.class, () -> new Quote(null));
  }

  @Test
  void refusesANullLineNamingItsPlace() {
    List<LineItem> lines = new ArrayList<>();
    lines.add(line("1", "1"));
    lines.add(null);

    NullPointerException refused = assertThrows(NullPointerException.class, () -> new Quote(lines));

    assertEquals("line item 2 is null", refused.getMessage());
  }

  @Test
  void keepsItsOwnCopyOfTheLines() {
    List<LineItem> lines = new ArrayList<>(List.of(line("1", "1")));
    Quote quote = new Quote(lines);

    lines.add(line("1", "1"));

    assertEquals(1, quote.lineItems().size());
    assertThrows(UnsupportedOperationException.class, () -> quote.lineItems().add(line("1", "1")));
  }
}
