package io.tally.billing.api;

/**
 * An account key as its owner sees it later: never the secret, only the prefix that tells keys
 * apart, and when it was issued and revoked ({@code revokedAt} is null while it works).
 */
public record ApiKeySummary(long id, String prefix, String createdAt, String revokedAt) {}
