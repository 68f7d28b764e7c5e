package io.tally.billing.web.audit;

import io.tally.billing.account.ApiKeys;
import io.tally.billing.api.Actor;
import io.tally.billing.api.Caller;

/** How a caller of the API or a signed-in person is named in the audit. */
public final class Actors {

  /** The label of the one service key: the key itself is a secret. */
  static final String SERVICE = "service";

  private Actors() {}

  /** An API caller: the service key, or an account key by its prefix (never its secret). */
  public static Actor ofKey(Caller caller, String key, String address) {
    return caller.isService()
        ? new Actor(Actor.Kind.SERVICE_KEY, SERVICE, address)
        : new Actor(Actor.Kind.ACCOUNT_KEY, ApiKeys.prefixOf(key), address);
  }

  /** A person signed in to the pages, by e-mail. */
  public static Actor ofUser(String email, boolean admin, String address) {
    return new Actor(admin ? Actor.Kind.ADMIN_USER : Actor.Kind.CUSTOMER_USER, email, address);
  }
}
