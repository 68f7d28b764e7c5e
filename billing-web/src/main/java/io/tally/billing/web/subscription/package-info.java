/**
 * Plans and an account's subscription over HTTP: {@code GET /plans}, {@code
 * /accounts/{id}/subscription}; and the billing page's plan section ({@link
 * io.tally.billing.web.subscription.PlanForm}), calling the same service.
 */
package io.tally.billing.web.subscription;
