package io.tally.billing.subscription;

import jakarta.ejb.ApplicationException;

/**
 * The account has a live subscription already (the database's unique key said so): the request is a
 * plan change instead. Rolls back whatever the attempt to start one had done, its intro slot too.
 */
@ApplicationException(rollback = true)
public class AlreadySubscribed extends RuntimeException {

  private static final long serialVersionUID = 1L;

  AlreadySubscribed() {
    super("the account has a live subscription", null, false, false);
  }
}
