package io.tally.billing.api;

import java.util.List;

/** Post-paid accounts' monthly invoices: reading them and paying them. */
public interface InvoiceService {

  /** The account's invoices, newest month first. */
  List<InvoiceView> list(long accountId);

  /** One invoice, or a 404 {@code invoice_not_found}. */
  InvoiceView find(long invoiceId);

  /**
   * Pays an open invoice in full; a replay of the idempotency key answers the first payment. A card
   * payment the processor did not answer leaves the invoice PENDING; a replay asks again.
   */
  PaymentOutcome pay(InvoicePayment payment);

  /** The invoice after a payment, and whether this request only replayed an earlier one. */
  record PaymentOutcome(InvoiceView invoice, boolean replay) {}
}
