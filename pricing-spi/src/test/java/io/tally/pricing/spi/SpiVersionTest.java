package io.tally.pricing.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpiVersionTest {

  @Test
  void theCurrentVersionIsTheConstantPluginsCompileIn() {
    assertEquals(PricingPlugin.SPI_VERSION, SpiVersion.CURRENT.toString());
  }

  @Test
  void aServerLoadsItsOwnAndOlderMinorVersionsOfItsMajorOnly() {
    SpiVersion server = SpiVersion.parse("2.3");
    assertTrue(server.loads(SpiVersion.parse("2.0")));
    assertTrue(server.loads(SpiVersion.parse("2.3")));
    assertFalse(server.loads(SpiVersion.parse("2.4")), "a newer minor may override unseen methods");
    assertFalse(server.loads(SpiVersion.parse("1.9")));
    assertFalse(server.loads(SpiVersion.parse("3.0")));
  }

  @Test
  void refusesTextThatIsNotTwoNumbers() {
    for (String bad : new String[] {null, "", "2", "2.", ".1", "2.0.1", "v2.0", "-1.0", "2.x"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> SpiVersion.parse(bad), bad);
      assertTrue(e.getMessage().contains("an SPI version looks like"), e.getMessage());
    }
  }
}
