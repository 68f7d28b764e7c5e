package io.tally.billing.api;

/**
 * Who did something the audit records, and from where: the kind of caller, its label (a key's
 * prefix, never its secret; a person's e-mail; {@code service}; {@code system}) and the client's
 * address ({@code null} for the system's own timers).
 */
public record Actor(Kind kind, String label, String address) {

  public enum Kind {
    SERVICE_KEY,
    ACCOUNT_KEY,
    ADMIN_USER,
    CUSTOMER_USER,
    SYSTEM
  }

  private static final Actor SYSTEM = new Actor(Kind.SYSTEM, "system", null);

  /** Tally itself: a timer or a job no request started. */
  public static Actor system() {
    return SYSTEM;
  }
}
