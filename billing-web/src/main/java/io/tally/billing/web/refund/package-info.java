/**
 * The HTTP face of refunds: a charge with its refunds (the service key, or the charge's own
 * account), and refunds with an Idempotency-Key (the service key only). Another account's charge
 * reads as not found.
 */
package io.tally.billing.web.refund;
