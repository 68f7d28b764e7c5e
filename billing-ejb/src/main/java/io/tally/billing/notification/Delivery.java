package io.tally.billing.notification;

import java.time.Instant;

/**
 * One claimed delivery of a notification on one channel, with what sending it needs. The webhook
 * fields are read when it is sent, so a changed URL is used and a removed webhook is not called.
 *
 * @param claim the token of the run that claimed it; only that run may record the outcome
 * @param attempts attempts so far, this one included
 * @param webhookUrl null when the account has no webhook now
 */
record Delivery(
    long id,
    Channel channel,
    String claim,
    int attempts,
    long notificationId,
    long accountId,
    String type,
    String subject,
    String body,
    Instant createdAt,
    String email,
    String webhookUrl,
    String webhookSecret,
    boolean webhookEnabled) {

  /** Where a notification goes. */
  enum Channel {
    EMAIL,
    WEBHOOK
  }

  /** The id a webhook receiver sees: the same on every retry, so it can drop duplicates. */
  String eventId() {
    return "evt_" + notificationId;
  }
}
