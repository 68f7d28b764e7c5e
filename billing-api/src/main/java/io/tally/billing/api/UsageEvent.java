package io.tally.billing.api;

import java.time.Instant;
import java.util.List;

/**
 * What the gateway reports after a call or a workflow run. A single call has one part and no {@code
 * workflow}; a workflow run names itself and lists its parts. {@code startedAt} picks the price in
 * force; when absent, the time Tally received the event. {@code source} says whether it came
 * through the API (counted against a plan's workflow quota) or the platform's editor; {@code
 * apiKeyId} names the account key the call spends from (checked against that key's spend limit), or
 * null.
 */
public record UsageEvent(
    String requestId,
    long accountId,
    String workflow,
    List<CallPart> parts,
    Long authorizationId,
    Instant startedAt,
    UsageSource source,
    Long apiKeyId) {

  public UsageEvent {
    parts = List.copyOf(parts);
    source = source == null ? UsageSource.API : source;
  }

  /** An API call that names no key. */
  public UsageEvent(
      String requestId,
      long accountId,
      String workflow,
      List<CallPart> parts,
      Long authorizationId,
      Instant startedAt) {
    this(requestId, accountId, workflow, parts, authorizationId, startedAt, UsageSource.API, null);
  }

  /** A workflow run through the API: what a plan's workflow quota counts. */
  public boolean isApiWorkflowRun() {
    return isWorkflow() && source == UsageSource.API;
  }

  public boolean isWorkflow() {
    return workflow != null;
  }
}
