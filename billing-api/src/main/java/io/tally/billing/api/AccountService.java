package io.tally.billing.api;

import java.util.Optional;

/** Accounts and their keys. */
public interface AccountService {

  /** Opens an account; a prepaid one starts with the free grant. 409 when the email is taken. */
  AccountView open(OpenAccount request);

  /** The account, or a 404. */
  AccountView find(long accountId);

  /** Issues an account key; its secret is in the answer and nowhere else. */
  ApiKeyView issueKey(long accountId);

  /** Who a key belongs to: the service, an account, or nobody. */
  Optional<Caller> authenticate(String key);
}
