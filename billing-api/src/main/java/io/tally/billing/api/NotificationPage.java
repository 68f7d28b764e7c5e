package io.tally.billing.api;

import java.util.List;

/** A page of notifications, newest first; pass {@code nextCursor} to get the next page. */
public record NotificationPage(List<Item> items, String nextCursor) {

  /**
   * One notification and how its delivery went.
   *
   * @param webhook null when the account had no enabled webhook when it was told
   */
  public record Item(
      long id,
      String type,
      String subject,
      String body,
      String createdAt,
      Delivery email,
      Delivery webhook) {}

  /**
   * A channel's delivery: {@code PENDING} (waiting, or waiting for a retry), {@code SENDING},
   * {@code SENT}, {@code FAILED} (gave up after the last attempt), {@code SKIPPED} (e-mail is
   * turned off) or {@code CANCELED} (the webhook was removed or disabled before it was sent).
   */
  public record Delivery(String status, int attempts) {}
}
