package io.tally.billing.ledger;

import java.math.BigDecimal;
import java.time.Instant;

/** What the database assigned to a charge: its id, the balance after it, and when. */
public record WrittenCharge(long id, BigDecimal balanceAfter, Instant createdAt) {}
