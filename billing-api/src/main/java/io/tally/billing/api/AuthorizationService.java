package io.tally.billing.api;

/** Holding a call's estimated cost before it runs. */
public interface AuthorizationService {

  /** Holds the call's price on the account; 402 when the account cannot cover it. */
  AuthorizationView authorize(long accountId, CallPart call);
}
