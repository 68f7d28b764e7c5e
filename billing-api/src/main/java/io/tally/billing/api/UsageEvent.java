package io.tally.billing.api;

import java.time.Instant;
import java.util.List;

/**
 * What the gateway reports after a call or a workflow run. A single call has one part and no {@code
 * workflow}; a workflow run names itself and lists its parts. {@code startedAt} picks the price in
 * force; when absent, the time Tally received the event.
 */
public record UsageEvent(
    String requestId,
    long accountId,
    String workflow,
    List<CallPart> parts,
    Long authorizationId,
    Instant startedAt) {

  public UsageEvent {
    parts = List.copyOf(parts);
  }

  public boolean isWorkflow() {
    return workflow != null;
  }
}
