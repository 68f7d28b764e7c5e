package io.tally.billing.invoice;

/**
 * An invoice is open until paid in full; PENDING while a card payment of it is under way or the
 * processor has not said how it ended (then only its Idempotency-Key may pay it).
 */
enum InvoiceStatus {
  OPEN,
  PENDING,
  PAID
}
