package io.tally.pricing.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class PriceSheetTest {

  private static PriceSheet sheet(Map<String, Object> values) {
    return new PriceSheet("per_second", values);
  }

  private static PricingException rejects(String field, Executable call) {
    PricingException refused = assertThrows(PricingException.class, call);
    assertEquals(field, refused.field(), refused.getMessage());
    return refused;
  }

  @Test
  void readsABigDecimal() {
    assertEquals(
        new BigDecimal("0.0005"),
        sheet(Map.of("ratePerSecond", new BigDecimal("0.0005"))).decimal("ratePerSecond"));
  }

  @Test
  void readsANumericString() {
    assertEquals(
        new BigDecimal("0.0005"),
        sheet(Map.of("ratePerSecond", " 0.0005 ")).decimal("ratePerSecond"));
  }

  @Test
  void readsWholeNumbers() {
    PriceSheet sheet = sheet(Map.of("a", 2, "b", 3L, "c", BigInteger.TEN, "d", (short) 4));

    assertEquals(BigDecimal.valueOf(2), sheet.decimal("a"));
    assertEquals(BigDecimal.valueOf(3), sheet.decimal("b"));
    assertEquals(BigDecimal.TEN, sheet.decimal("c"));
    assertEquals(BigDecimal.valueOf(4), sheet.decimal("d"));
  }

  @Test
  void acceptsZeroForAFreeModel() {
    assertEquals(BigDecimal.ZERO, sheet(Map.of("ratePerSecond", "0")).decimal("ratePerSecond"));
  }

  @Test
  void refusesANegativeAmountNamingTheField() {
    rejects(
        "pricing.ratePerSecond",
        () -> sheet(Map.of("ratePerSecond", "-0.000001")).decimal("ratePerSecond"));
  }

  @Test
  void refusesAMissingAmountNamingTheField() {
    rejects("pricing.ratePerSecond", () -> sheet(Map.of()).decimal("ratePerSecond"));
  }

  @Test
  void refusesTextThatIsNotANumber() {
    rejects(
        "pricing.ratePerSecond",
        () -> sheet(Map.of("ratePerSecond", "cheap")).decimal("ratePerSecond"));
  }

  @Test
  void refusesBinaryFloatingPoint() {
    rejects(
        "pricing.ratePerSecond",
        () -> sheet(Map.of("ratePerSecond", 0.1d)).decimal("ratePerSecond"));
  }

  @Test
  void refusesAnAmountWithMoreThanEighteenDecimalPlaces() {
    rejects(
        "pricing.ratePerSecond",
        () -> sheet(Map.of("ratePerSecond", "1e-99999999")).decimal("ratePerSecond"));
  }

  @Test
  void refusesAnAmountWithMoreThanEighteenWholeDigits() {
    rejects(
        "pricing.ratePerSecond",
        () -> sheet(Map.of("ratePerSecond", "1e99999999")).decimal("ratePerSecond"));
  }

  @Test
  void acceptsExtraDecimalPlacesThatAreOnlyTrailingZeros() {
    BigDecimal rate =
        sheet(Map.of("ratePerSecond", "0.5000000000000000000000000")).decimal("ratePerSecond");

    assertEquals(0, new BigDecimal("0.5").compareTo(rate));
  }

  @Test
  void decimalOrFallsBackWhenAbsent() {
    assertEquals(BigDecimal.ONE, sheet(Map.of()).decimalOr("baseMegapixels", BigDecimal.ONE));
  }

  @Test
  void decimalOrFallsBackWhenNull() {
    Map<String, Object> values = new HashMap<>();
    values.put("baseMegapixels", null);

    assertEquals(BigDecimal.ONE, sheet(values).decimalOr("baseMegapixels", BigDecimal.ONE));
  }

  @Test
  void decimalOrStillRefusesANegativeValue() {
    rejects(
        "pricing.baseMegapixels",
        () -> sheet(Map.of("baseMegapixels", "-1")).decimalOr("baseMegapixels", BigDecimal.ONE));
  }

  @Test
  void decimalsReadsAnObjectOfAmountsInTheSheetsOrder() {
    Map<String, Object> rates = new LinkedHashMap<>();
    rates.put("480p", "0.05");
    rates.put("720p", new BigDecimal("0.1"));
    rates.put("1080p", 1);

    Map<String, BigDecimal> read = sheet(Map.of("rates", rates)).decimals("rates");

    assertEquals(List.of("480p", "720p", "1080p"), List.copyOf(read.keySet()));
    assertEquals(new BigDecimal("0.05"), read.get("480p"));
    assertEquals(BigDecimal.ONE, read.get("1080p"));
  }

  @Test
  void decimalsRefusesAnEmptyObject() {
    rejects("pricing.rates", () -> sheet(Map.of("rates", Map.of())).decimals("rates"));
  }

  @Test
  void decimalsRefusesSomethingThatIsNotAnObject() {
    rejects("pricing.rates", () -> sheet(Map.of("rates", "0.1")).decimals("rates"));
  }

  @Test
  void decimalsNamesTheEntryAtFault() {
    rejects(
        "pricing.rates.720p", () -> sheet(Map.of("rates", Map.of("720p", "-1"))).decimals("rates"));
  }

  @Test
  void requireModeAcceptsAListedMode() {
    new PriceSheet("per_image", Map.of()).requireMode("per_image", "per_second");
  }

  @Test
  void requireModeRefusesAnotherModeListingTheAllowedOnes() {
    PricingException refused =
        rejects(
            "pricing.mode",
            () -> new PriceSheet("per_token", Map.of()).requireMode("per_image", "per_second"));

    assertTrue(refused.getMessage().contains("per_image, per_second"), refused.getMessage());
  }

  @Test
  void requireModeRefusesAMissingMode() {
    rejects("pricing.mode", () -> new PriceSheet(null, Map.of()).requireMode("per_second"));
  }

  @Test
  void treatsMissingValuesAsAnEmptySheet() {
    assertEquals(Map.of(), new PriceSheet("per_second", null).values());
  }
}
