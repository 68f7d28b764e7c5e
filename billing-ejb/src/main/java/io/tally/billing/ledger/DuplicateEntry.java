package io.tally.billing.ledger;

import jakarta.ejb.ApplicationException;

/**
 * The idempotency key of a posting or charge is already on the ledger: the movement happened
 * before. The transaction rolls back and the caller answers with the first result.
 */
@ApplicationException(rollback = true)
public class DuplicateEntry extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DuplicateEntry(String idempotencyKey) {
    super("already on the ledger: " + idempotencyKey, null, false, false);
  }
}
