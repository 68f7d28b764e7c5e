package io.tally.billing.api;

import java.util.List;
import java.util.Optional;

/** Accounts and their keys. */
public interface AccountService {

  /** Opens an account; a prepaid one starts with the free grant. 409 when the email is taken. */
  AccountView open(OpenAccount request);

  /** The account, or a 404. */
  AccountView find(long accountId);

  /** Issues an account key; its secret is in the answer and nowhere else. */
  ApiKeyView issueKey(long accountId);

  /** The account's keys, newest first, without their secrets. */
  List<ApiKeySummary> keys(long accountId);

  /**
   * Revokes one of the account's keys; it is refused at once on this server. Revoking a revoked key
   * changes nothing. A key of another account is a 404.
   */
  ApiKeySummary revokeKey(long accountId, long keyId);

  /** Accounts whose id, e-mail or name matches {@code query}, at most {@code limit}. */
  List<AccountView> search(String query, int limit);

  /** Who a key belongs to: the service, an account, or nobody. */
  Optional<Caller> authenticate(String key);
}
