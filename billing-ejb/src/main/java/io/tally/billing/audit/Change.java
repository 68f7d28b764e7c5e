package io.tally.billing.audit;

import io.tally.billing.api.AuditAction;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one audited action did: its {@code target} (an account, model or key id), the account it
 * belongs to (null for the catalog), the state before and after it (null where there was none) and
 * the request's Idempotency-Key, if it had one.
 */
public record Change(
    AuditAction action,
    String target,
    Long accountId,
    Map<String, Object> before,
    Map<String, Object> after,
    String idempotencyKey) {

  /** A state from name, value pairs, in that order; values may be null. */
  public static Map<String, Object> state(Object... namesAndValues) {
    Map<String, Object> state = new LinkedHashMap<>();
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      state.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return state;
  }
}
