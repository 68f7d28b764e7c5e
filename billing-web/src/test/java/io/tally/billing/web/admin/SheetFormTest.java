package io.tally.billing.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.pricing.image.ImagePricing;
import io.tally.pricing.spi.Mode;
import io.tally.pricing.video.VideoPricing;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The editor's form against the shipped plugins' modes: what it shows and the sheet it sends. */
class SheetFormTest {

  private static final Mode VIDEO = new VideoPricing().modes().get(0);
  private static final Mode IMAGE = new ImagePricing().modes().get(0);

  @Test
  void offersTheSheetsRatesThenTheUsualKeysItLacksThenAFreeRow() {
    SheetForm form =
        new SheetForm(
            VIDEO,
            Map.of("mode", "per_output_second", "ratesByResolution", Map.of("720p", "0.28")));

    List<SheetForm.Row> rows = form.getRows().get("ratesByResolution");

    assertEquals(
        java.util.Arrays.asList("720p", "480p", "1080p", null),
        rows.stream().map(SheetForm.Row::getKey).toList());
    assertEquals("0.28", rows.get(0).getAmount());
  }

  @Test
  void sendsTheRowsWithAKeyAndAnAmountAsOneObjectOfDecimals() {
    SheetForm form = new SheetForm(VIDEO, null);
    List<SheetForm.Row> rows = form.getRows().get("ratesByResolution");
    rows.get(1).setAmount(" 0.28 ");
    rows.get(2).setAmount("0.475");
    rows.get(3).setKey("4k");
    rows.get(3).setAmount("0.9");

    assertEquals(
        Map.of(
            "mode",
            "per_output_second",
            "ratesByResolution",
            Map.of(
                "720p", new BigDecimal("0.28"),
                "1080p", new BigDecimal("0.475"),
                "4k", new BigDecimal("0.9"))),
        form.sheet(VIDEO));
  }

  @Test
  void leavesBlankFieldsOutAndSendsWhatIsNotANumberForThePluginToRefuse() {
    SheetForm form = new SheetForm(IMAGE, Map.of("mode", "per_second", "ratePerSecond", "0.1"));
    form.getValues().put("pricePerImage", "0,003");

    assertEquals(Map.of("mode", "per_image", "pricePerImage", "0,003"), form.sheet(IMAGE));
  }

  @Test
  void showsARefusalBesideTheFieldItNamesARowsToo() {
    SheetForm form = new SheetForm(VIDEO, null);

    assertTrue(form.showBeside(VIDEO, "pricing.ratesByResolution.720p", "must not be negative"));
    assertEquals(Map.of("ratesByResolution", "must not be negative"), form.getErrors());
    assertFalse(form.showBeside(VIDEO, "pricing.mode", "mode must be one of"));
    assertEquals(Map.of(), form.getErrors());
  }
}
