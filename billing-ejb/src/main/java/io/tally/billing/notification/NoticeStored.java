package io.tally.billing.notification;

/**
 * A CDI event fired when a notice was stored; observed after the transaction commits, to wake the
 * delivery job.
 */
record NoticeStored(long notificationId) {}
