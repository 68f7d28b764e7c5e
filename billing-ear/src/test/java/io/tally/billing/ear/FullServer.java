package io.tally.billing.ear;

import java.net.URI;

/** A full application server that a smoke suite sets up, starts once with tally.ear, and stops. */
interface FullServer extends AutoCloseable {

  /** Sets the server up, deploys tally.ear and starts it; answers Tally's root address. */
  URI start() throws Exception;

  String name();
}
