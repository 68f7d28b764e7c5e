package io.tally.billing.api;

/**
 * Reading the audit of admin and money actions. Entries are written by the actions themselves, in
 * their own transactions; nothing changes or removes one.
 */
public interface AuditService {

  /** The most entries one page holds. */
  int MAX_PAGE = 200;

  /** Entries newest first that match {@code query}. */
  AuditPage entries(AuditQuery query);
}
