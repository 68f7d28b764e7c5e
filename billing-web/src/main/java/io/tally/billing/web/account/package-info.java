/**
 * The HTTP face of accounts: opening them (service key), reading them, and issuing, listing and
 * revoking account keys. An account key reaches its own account only; any other reads as not found.
 *
 * <p>The pages' sign-in too: Jakarta Security's custom form checks people against {@code web_user}
 * ({@link io.tally.billing.web.account.PageSecurity}); sign-up opens a Free account through the
 * same service as the API; a customer's pages always show the signed-in customer's account ({@link
 * io.tally.billing.web.account.CurrentUser}), never one named in the URL.
 */
package io.tally.billing.web.account;
