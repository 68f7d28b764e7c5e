/**
 * Card recharges and auto-recharge over HTTP. A recharge needs an {@code Idempotency-Key}; the
 * account's own key or the service key may recharge or configure an account.
 */
package io.tally.billing.web.payment;
