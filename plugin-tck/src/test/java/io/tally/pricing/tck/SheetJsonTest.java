package io.tally.pricing.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.pricing.spi.PriceSheet;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kit's JSON: what it writes it reads back, numbers as BigDecimal, nested order kept. */
class SheetJsonTest {

  @Test
  void writesTheModeFirstThenTheValuesAndReadsThemBack() {
    Map<String, Object> rates = new LinkedHashMap<>();
    rates.put("720p", "0.28");
    rates.put("1080p", new BigDecimal("0.475"));
    PriceSheet sheet =
        new PriceSheet(
            "per_output_second",
            Map.of(
                "ratesByResolution", rates, "tiers", List.of(1, true), "note", "a \"quoted\"\n"));

    String json = SheetJson.write(sheet);

    assertEquals(
        "{\"mode\":\"per_output_second\",\"note\":\"a \\\"quoted\\\"\\n\","
            + "\"ratesByResolution\":{\"720p\":\"0.28\",\"1080p\":0.475},\"tiers\":[1,true]}",
        json);
    PriceSheet back = SheetJson.read(json);
    assertEquals("per_output_second", back.mode());
    assertEquals(
        Map.of("720p", "0.28", "1080p", new BigDecimal("0.475")),
        back.values().get("ratesByResolution"));
    assertEquals(List.of(BigDecimal.ONE, true), back.values().get("tiers"));
    assertEquals(json, SheetJson.write(back));
  }

  @Test
  void refusesADoubleNamingWhereItIs() {
    PriceSheet sheet = new PriceSheet("per_image", Map.of("pricePerImage", 0.003));

    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> SheetJson.write(sheet));

    assertTrue(
        refused.getMessage().startsWith("pricing.pricePerImage is a java.lang.Double"),
        refused.getMessage());
  }

  @Test
  void refusesTextThatIsNotJson() {
    assertThrows(IllegalArgumentException.class, () -> SheetJson.read("{\"mode\":}"));
    assertThrows(IllegalArgumentException.class, () -> SheetJson.read("[1]"));
    assertThrows(IllegalArgumentException.class, () -> SheetJson.read("{} extra"));
  }
}
