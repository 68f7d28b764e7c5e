/**
 * Refunds: an admin credits back all or part of a charge. A charge is never refunded past its
 * amount: one conditional {@code UPDATE charge SET refunded = refunded + ? … WHERE refunded + ? <=
 * amount} decides, in the transaction that also writes the refund row, its {@code REFUND} credit on
 * the ledger, the lower usage rollups of the charge's day and models, and the audit entry. A
 * refunded call still counts as a call (calls and seconds stay); only its cost is taken off the
 * usage reports and the invoices issued after it. Each refund happens once per Idempotency-Key (the
 * ledger's unique key decides); the service key or an admin may refund.
 */
package io.tally.billing.refund;
