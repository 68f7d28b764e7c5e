package io.tally.billing.web.ledger;

/**
 * Fired (a CDI event) when a form on the billing page changed the signed-in customer's account, so
 * the page's other sections re-read what they had already read while the form was being decoded.
 */
public record BillingChanged(long accountId) {}
