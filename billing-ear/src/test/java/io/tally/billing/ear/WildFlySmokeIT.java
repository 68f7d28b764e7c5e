package io.tally.billing.ear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** tally.ear on WildFly 38, set up by billing-ear/src/main/wildfly/tally.cli. */
class WildFlySmokeIT extends OperationsSmoke {

  @Override
  FullServer server(Map<String, String> environment) {
    return new WildFly(environment);
  }

  @Override
  String database() {
    return "tally_wildfly";
  }

  /** WildFly answers MicroProfile Health on its management port, not the application's. */
  @Override
  URI health() {
    return URI.create(
        "http://127.0.0.1:" + System.getProperty("it.wildfly.management.http.port") + "/");
  }

  /**
   * WildFly 38 has no MicroProfile Metrics: Tally records no business metrics there (by design; see
   * docs/deploy.md), yet the EAR deploys and is ready. WildFly serves health and its own metrics on
   * the management port; Tally's port has no /metrics.
   */
  @Test
  void isReadyButServesNoBusinessMetrics() {
    Http management = local("it.wildfly.management.http.port");

    Http.Reply ready = management.page("health/ready");
    Http.Reply serverMetrics = management.page("metrics");
    Http.Reply onTallysPort = local("it.wildfly.http.port").page("metrics");

    assertEquals(200, ready.status(), ready.body());
    assertEquals("UP", ready.json().getString("status"), ready.body());
    JsonObject deployments =
        ready.json().getJsonArray("checks").stream()
            .map(check -> check.asJsonObject())
            .filter(check -> check.getString("name").equals("deployments-status"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no deployments-status: " + ready.body()));
    assertEquals("OK", deployments.getJsonObject("data").getString("tally.ear"), ready.body());
    assertEquals(200, serverMetrics.status(), serverMetrics.body());
    assertTrue(serverMetrics.body().contains("# TYPE "), serverMetrics.body());
    assertTrue(
        serverMetrics.body().lines().noneMatch(line -> line.startsWith("tally_")),
        "WildFly serves business metrics it should not have");
    assertEquals(404, onTallysPort.status(), onTallysPort.body());
  }

  private static Http local(String portProperty) {
    return new Http(
        URI.create("http://127.0.0.1:" + System.getProperty(portProperty) + "/"), "no key");
  }
}
