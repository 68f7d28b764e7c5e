package io.tally.billing.ear;

import java.util.Map;

/** tally.ear on WildFly 38, set up by billing-ear/src/main/wildfly/tally.cli. */
class WildFlySmokeIT extends SmokeSuite {

  @Override
  FullServer server(Map<String, String> environment) {
    return new WildFly(environment);
  }

  @Override
  String database() {
    return "tally_wildfly";
  }
}
