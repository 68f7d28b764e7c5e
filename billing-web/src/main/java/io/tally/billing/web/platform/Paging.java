package io.tally.billing.web.platform;

import io.tally.billing.api.BillingException;

/**
 * The {@code limit} and {@code cursor} query parameters of a list paged by cursor, newest first: at
 * most {@code limit} items, older than the item whose id is {@code after} (null: the newest).
 */
public record Paging(int limit, Long after) {

  private static final int DEFAULT_LIMIT = 50;

  /** Reads the parameters as sent; a bad one is a 400 naming it. */
  public static Paging of(String limit, String cursor, int maxLimit) {
    int size = (int) number("limit", limit, DEFAULT_LIMIT, 1, maxLimit);
    Long after = cursor == null ? null : number("cursor", cursor, 0, 1, Long.MAX_VALUE);
    return new Paging(size, after);
  }

  private static long number(String name, String value, long fallback, long min, long max) {
    if (value == null) {
      return fallback;
    }
    try {
      long parsed = Long.parseLong(value.strip());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw BillingException.invalid(
        name, name + " must be a whole number from " + min + " to " + max);
  }
}
