/**
 * The HTTP face of the ledger: transactions newest first, admin adjustments with an Idempotency-Key
 * (service key), and the reconciliation report (service key).
 */
package io.tally.billing.web.ledger;
