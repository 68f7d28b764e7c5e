package io.tally.billing.api;

/**
 * Paying an invoice in full, once per idempotency key.
 *
 * @param paymentMethod a card token ({@code pm_card_visa}) charged through the payment gateway, or
 *     {@link #BANK_TRANSFER} to record money received by bank transfer (service key only)
 * @param idempotencyKey the caller's key: a retry with it answers the first result
 * @param actor who paid, for the ledger
 */
public record InvoicePayment(
    long invoiceId, String paymentMethod, String idempotencyKey, String actor) {

  public static final String BANK_TRANSFER = "bank_transfer";

  public boolean byBankTransfer() {
    return BANK_TRANSFER.equals(paymentMethod);
  }
}
