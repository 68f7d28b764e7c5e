package io.tally.billing.ledger;

import java.math.BigDecimal;

/**
 * A movement of money other than a charge: a signed amount, why, and the key that makes it happen
 * at most once for the account. A guarded debit is refused when it would take the account below
 * what it may spend; an unguarded one always lands.
 */
public record Posting(
    long accountId,
    BigDecimal amount,
    EntryKind kind,
    String reference,
    String idempotencyKey,
    String createdBy,
    Guard guard) {

  /** Whether a debit must fit in what the account may spend. */
  public enum Guard {
    FUNDS,
    NONE
  }
}
