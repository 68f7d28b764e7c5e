/**
 * The HTTP face of post-paid invoices: an account's invoices (its own key or the service key), one
 * invoice (another account's reads as not found), and paying one with an Idempotency-Key — by card
 * through the payment gateway, or by bank transfer (service key).
 */
package io.tally.billing.web.invoice;
