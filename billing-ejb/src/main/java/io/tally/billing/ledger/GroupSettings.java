package io.tally.billing.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How calls are gathered into shared transactions: one set of settings for charges ({@link
 * GroupCommit}) and holds ({@link HoldCommit}), each of which keeps its own queue and slots.
 */
@ApplicationScoped
public class GroupSettings {

  /** The most calls written per transaction; 1 writes every call alone, as before group commit. */
  @Inject
  @ConfigProperty(name = "tally.ledger.group.max-size", defaultValue = "100")
  int maxSize;

  /** Groups written at once, each on its own connection, so the database overlaps their work. */
  @Inject
  @ConfigProperty(name = "tally.ledger.group.inflight", defaultValue = "2")
  int inflight;

  @Inject
  @ConfigProperty(name = "tally.ledger.group.wait-micros", defaultValue = "0")
  long waitMicros;

  @Inject
  @ConfigProperty(name = "tally.ledger.group.timeout-ms", defaultValue = "30000")
  long timeoutMillis;

  /** Whether calls are gathered at all. */
  public boolean enabled() {
    return maxSize > 1;
  }

  public CommitQueue.Settings queue() {
    return new CommitQueue.Settings(
        Math.max(1, maxSize), Math.max(1, inflight), waitMicros, timeoutMillis);
  }
}
