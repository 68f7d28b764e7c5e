package io.tally.billing.api;

/**
 * Who is calling: the service (the gateway or an admin, any account) or one account (its own
 * account only), through one of its keys ({@code keyId}; null for the service and for callers not
 * identified by a stored key).
 */
public record Caller(Kind kind, Long accountId, Long keyId) {

  public enum Kind {
    SERVICE,
    ACCOUNT
  }

  public static Caller service() {
    return new Caller(Kind.SERVICE, null, null);
  }

  public static Caller account(long accountId) {
    return new Caller(Kind.ACCOUNT, accountId, null);
  }

  /** An account calling with its stored key {@code keyId}: its calls spend from that key. */
  public static Caller account(long accountId, long keyId) {
    return new Caller(Kind.ACCOUNT, accountId, keyId);
  }

  public boolean isService() {
    return kind == Kind.SERVICE;
  }

  /** Whether this caller may act on {@code account}. */
  public boolean mayActOn(long account) {
    return isService() || accountId == account;
  }
}
