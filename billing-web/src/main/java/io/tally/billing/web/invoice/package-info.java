/**
 * The HTTP face of post-paid invoices: an account's invoices (its own key or the service key), one
 * invoice (another account's reads as not found), and paying one with an Idempotency-Key — by card
 * through the payment gateway, or by bank transfer (service key). The billing page lists the
 * customer's invoices and {@link io.tally.billing.web.invoice.InvoicePdfServlet} serves each as a
 * PDF to its own customer or an admin.
 */
package io.tally.billing.web.invoice;
