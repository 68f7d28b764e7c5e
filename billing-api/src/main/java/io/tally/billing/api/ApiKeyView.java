package io.tally.billing.api;

/** A newly issued account key. {@code key} is shown this once; Tally keeps only its digest. */
public record ApiKeyView(long id, long accountId, String key, String prefix, String createdAt) {}
