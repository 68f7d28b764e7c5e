package io.tally.billing.api;

/** A hold of the estimated cost of a call; it lowers {@code available} until settled or expired. */
public record AuthorizationView(
    long id, long accountId, String model, String amount, String status, String expiresAt) {}
