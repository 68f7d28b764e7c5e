package io.tally.billing.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The test's reading of the Prometheus text format. */
class ScrapeTest {

  private static final String TEXT =
      """
      # HELP tally_charges_total model calls charged
      # TYPE tally_charges_total counter
      tally_charges_total{model="image-a",mp_scope="application"} 4.0
      tally_charges_total{model="say \\"hi\\", ok\\\\",mp_scope="application"} 2 1700000000000
      tally_notification_outbox_depth 7

      tally_charge_duration_seconds{mp_scope="application",quantile="0.5"} NaN
      """;

  @Test
  void readsNamesLabelsAndValuesWithEscapesAndTimestamps() {
    Scrape scrape = Scrape.parse(TEXT);

    assertEquals(4, scrape.samples().size());
    assertEquals(4, scrape.value("tally_charges_total", "model", "image-a"));
    assertEquals(2, scrape.value("tally_charges_total", "model", "say \"hi\", ok\\"));
    assertEquals(7, scrape.value("tally_notification_outbox_depth"));
    assertTrue(Double.isNaN(scrape.value("tally_charge_duration_seconds", "quantile", "0.5")));
    assertEquals(0, scrape.value("tally_charges_total", "model", "never-charged"));
    assertFalse(scrape.has("tally_charges_total", "model", "never-charged"));
  }
}
