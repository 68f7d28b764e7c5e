/**
 * Taking money from customers' cards. Tally never sees a card number: it passes a payment-method
 * token to a {@link io.tally.billing.payment.PaymentGateway} — the sandbox by default, or a real
 * processor's adapter chosen by MicroProfile Config — and credits the ledger only for a payment
 * that succeeded.
 */
package io.tally.billing.payment;
