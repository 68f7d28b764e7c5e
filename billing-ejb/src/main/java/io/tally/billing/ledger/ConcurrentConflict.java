package io.tally.billing.ledger;

import jakarta.ejb.ApplicationException;

/** The database chose this transaction as a deadlock victim; a fresh attempt will succeed. */
@ApplicationException(rollback = true)
public class ConcurrentConflict extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ConcurrentConflict(Throwable cause) {
    super("transaction conflict, retry", cause);
  }
}
