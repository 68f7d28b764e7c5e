package io.tally.billing.api;

/**
 * What an account has been told, and where its notices go besides e-mail: one webhook endpoint per
 * account, whose signing secret is shown once, when the endpoint is created.
 */
public interface NotificationService {

  /** The most notifications one page holds. */
  int MAX_PAGE = 200;

  /** Notifications newest first, {@code limit} at a time, older than the id {@code cursor}. */
  NotificationPage notifications(long accountId, int limit, Long cursor);

  /** The account's webhook without its secret, or a 404 {@code webhook_not_found}. */
  WebhookView webhook(long accountId);

  /**
   * Creates the account's webhook (the answer carries the new signing secret, {@link
   * WebhookView#created()} true) or changes its url and enabled flag (no secret in the answer).
   */
  WebhookView saveWebhook(long accountId, String url, boolean enabled);

  /** Removes the account's webhook; a 404 {@code webhook_not_found} when it has none. */
  void deleteWebhook(long accountId);
}
