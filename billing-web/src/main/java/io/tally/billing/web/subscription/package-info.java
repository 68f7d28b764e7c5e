/**
 * Plans and an account's subscription over HTTP: {@code GET /plans}, {@code
 * /accounts/{id}/subscription}.
 */
package io.tally.billing.web.subscription;
