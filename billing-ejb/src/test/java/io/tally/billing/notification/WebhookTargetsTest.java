package io.tally.billing.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.billing.api.BillingException;
import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;

class WebhookTargetsTest {

  private final WebhookTargets targets = new WebhookTargets();

  @Test
  void refusesUrlsThatPointInward() throws Exception {
    for (String url :
        new String[] {
          "http://localhost:8080/x",
          "http://127.0.0.1/x",
          "http://10.1.2.3/x",
          "https://192.168.0.1/x",
          "http://169.254.169.254/latest/meta-data",
          "http://[::1]/x",
          "http://[fd00::1]/x",
          "http://100.64.0.1/x",
          "http://0.0.0.0/x"
        }) {
      BillingException refused =
          assertThrows(BillingException.class, () -> targets.checkRegistered(URI.create(url)), url);
      assertEquals("url", refused.field());
    }
  }

  @Test
  void acceptsPublicAddressesAndNames() {
    targets.checkRegistered(URI.create("https://hooks.example.com/tally"));
    targets.checkRegistered(URI.create("http://93.184.216.34/x"));
  }

  @Test
  void allowsInwardUrlsWhenConfigured() throws Exception {
    targets.allowPrivate = true;
    targets.checkRegistered(URI.create("http://127.0.0.1:9000/hook"));
    targets.checkReachable(URI.create("http://127.0.0.1:9000/hook"));
  }

  @Test
  void refusesACallToALoopbackHost() {
    assertThrows(
        java.io.IOException.class,
        () -> targets.checkReachable(URI.create("http://127.0.0.1:9000/hook")));
    assertTrue(WebhookTargets.isInternal(InetAddress.getLoopbackAddress()));
  }

  @Test
  void publicAddressIsNotInternal() throws Exception {
    assertFalse(WebhookTargets.isInternal(InetAddress.getByName("93.184.216.34")));
  }
}
