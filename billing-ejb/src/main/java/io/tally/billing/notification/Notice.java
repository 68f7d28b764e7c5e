package io.tally.billing.notification;

import io.tally.billing.api.NotificationType;

/**
 * One thing to tell a customer. The event key names the fact, not the attempt (for example {@code
 * "renewal-failed:42:2026-12"}), so telling it twice stores it once.
 *
 * @param accountId who is told
 * @param type what kind of event
 * @param eventKey unique per account; repeats are ignored
 * @param subject one line, as an e-mail subject
 * @param body plain text
 */
public record Notice(
    long accountId, NotificationType type, String eventKey, String subject, String body) {}
