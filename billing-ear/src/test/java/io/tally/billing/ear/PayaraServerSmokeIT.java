package io.tally.billing.ear;

import java.util.Map;

/** tally.ear on Payara Server 6, set up by billing-ear/src/main/payara-server/tally.asadmin. */
class PayaraServerSmokeIT extends SmokeSuite {

  @Override
  FullServer server(Map<String, String> environment) {
    return new PayaraServer(environment);
  }

  @Override
  String database() {
    return "tally_payara";
  }
}
