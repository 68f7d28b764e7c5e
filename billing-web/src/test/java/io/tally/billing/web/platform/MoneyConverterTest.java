package io.tally.billing.web.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyConverterTest {

  @Test
  void showsDollarsWithCentsAndMicroDollarsOnlyWhenThereAreAny() {
    assertEquals("$1.00", MoneyConverter.format("1.000000"));
    assertEquals("$0.0075", MoneyConverter.format("0.007500"));
    assertEquals("$0.000001", MoneyConverter.format("0.000001"));
    assertEquals("$1,234,567.50", MoneyConverter.format(new BigDecimal("1234567.500000")));
  }

  @Test
  void putsTheSignBeforeTheDollar() {
    assertEquals("-$2.50", MoneyConverter.format("-2.500000"));
    assertEquals("$0.00", MoneyConverter.format("0.000000"));
  }
}
