package io.tally.billing.api;

import java.util.List;
import java.util.Map;

/** A page of audit entries, newest first; pass {@code nextCursor} to get the next page. */
public record AuditPage(List<Entry> items, String nextCursor) {

  /**
   * One recorded action: who ({@code actorKind}, {@code actor}) did {@code action} to {@code
   * target} (of account {@code accountId}, when it belongs to one), when, from which address, and
   * the state before and after it ({@code null} where there was none).
   */
  public record Entry(
      long id,
      String occurredAt,
      String actorKind,
      String actor,
      String sourceAddress,
      String action,
      String target,
      Long accountId,
      Map<String, Object> before,
      Map<String, Object> after,
      String idempotencyKey) {}
}
