/**
 * Notifications: each event a customer is told about is stored once per account under its event key
 * ({@link io.tally.billing.notification.Notifications}); delivery by e-mail and webhook follows
 * from the stored rows.
 */
package io.tally.billing.notification;
