/**
 * Post-paid accounts' monthly invoices. A timer wakes {@link io.tally.billing.invoice.InvoiceRun},
 * which issues every invoice that is due and missing (one per account and month, unique in the
 * database), so a missed firing catches up. Lines are the month's usage rollups per model: an
 * invoice month is the month of the rollups' UTC days, and it is due once it has ended both in
 * {@code tally.invoices.timezone} and in UTC. Paying an invoice credits the account's ledger once
 * (the ledger key names the invoice): with its total by bank transfer, with what the card paid (the
 * total rounded up to whole cents) by card. A card payment is PENDING under its Idempotency-Key
 * until the processor says how it ended; meanwhile no other key may pay the invoice.
 */
package io.tally.billing.invoice;
