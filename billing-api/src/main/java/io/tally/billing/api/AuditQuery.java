package io.tally.billing.api;

/**
 * Which audit entries to read: of one account and one action when given (null: any), {@code limit}
 * at a time, older than the entry id {@code cursor} (null: the newest).
 */
public record AuditQuery(Long accountId, AuditAction action, int limit, Long cursor) {}
