package io.tally.billing.invoice;

/** An invoice is open until paid in full. */
enum InvoiceStatus {
  OPEN,
  PAID
}
