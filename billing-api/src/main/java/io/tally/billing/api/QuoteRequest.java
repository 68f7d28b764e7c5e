package io.tally.billing.api;

import java.util.List;

/** A request to price a call, or a workflow's parts, without charging. */
public record QuoteRequest(String workflow, List<CallPart> parts) {

  public QuoteRequest {
    parts = List.copyOf(parts);
  }
}
