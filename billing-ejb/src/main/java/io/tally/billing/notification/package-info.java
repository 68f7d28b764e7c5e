/**
 * Notifications: each event a customer is told about is stored once per account under its event key
 * ({@link io.tally.billing.notification.Notifications}), with one delivery row per channel in the
 * same transaction — an outbox. The delivery job ({@link
 * io.tally.billing.notification.Deliveries}), woken by a timer and right after each notice commits,
 * claims due rows with a conditional update, sends e-mail and signed webhook calls, and retries
 * with backoff. Charging's events become low-balance and out-of-credits notices here.
 */
package io.tally.billing.notification;
