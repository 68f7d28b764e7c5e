package io.tally.billing.api;

import java.math.BigDecimal;

/**
 * Monthly spend limits of an account and of each of its keys. A call that would take either past
 * its limit is refused with {@link ErrorCode#SPEND_LIMIT_REACHED}; setting a limit is audited.
 */
public interface SpendLimitService {

  SpendLimitView accountLimit(long accountId);

  /** Sets the account's limit; null clears it. */
  SpendLimitView setAccountLimit(long accountId, BigDecimal limit);

  /** A key of the account; another account's key is a 404. */
  SpendLimitView keyLimit(long accountId, long keyId);

  /** Sets a key's limit; null clears it. */
  SpendLimitView setKeyLimit(long accountId, long keyId, BigDecimal limit);
}
