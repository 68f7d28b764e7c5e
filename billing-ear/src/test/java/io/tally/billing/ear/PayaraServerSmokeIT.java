package io.tally.billing.ear;

import java.net.URI;
import java.util.Map;

/** tally.ear on Payara Server 6, set up by billing-ear/src/main/payara-server/tally.asadmin. */
class PayaraServerSmokeIT extends OperationsSmoke {

  @Override
  FullServer server(Map<String, String> environment) {
    return new PayaraServer(environment);
  }

  @Override
  String database() {
    return "tally_payara";
  }

  /** Payara Server answers MicroProfile Health on the application's listener (port base + 80). */
  @Override
  URI health() {
    return URI.create("http://127.0.0.1:" + (Integer.getInteger("it.payara.portbase") + 80) + "/");
  }
}
