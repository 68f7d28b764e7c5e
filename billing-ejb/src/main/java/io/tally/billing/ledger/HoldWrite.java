package io.tally.billing.ledger;

import java.math.BigDecimal;
import java.time.Instant;

/** A hold to place: the call's estimated cost on its account, open until {@code expiresAt}. */
public record HoldWrite(
    long accountId, String model, BigDecimal amount, Instant now, Instant expiresAt) {}
