package io.tally.billing.api;

/**
 * Who is calling: the service (the gateway or an admin, any account) or one account (its own
 * account only).
 */
public record Caller(Kind kind, Long accountId) {

  public enum Kind {
    SERVICE,
    ACCOUNT
  }

  public static Caller service() {
    return new Caller(Kind.SERVICE, null);
  }

  public static Caller account(long accountId) {
    return new Caller(Kind.ACCOUNT, accountId);
  }

  public boolean isService() {
    return kind == Kind.SERVICE;
  }

  /** Whether this caller may act on {@code account}. */
  public boolean mayActOn(long account) {
    return isService() || accountId == account;
  }
}
