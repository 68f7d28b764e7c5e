/**
 * Monthly spend limits over HTTP: the account's and each key's, set by the account's own key or the
 * service key, and their month-to-date spend. The ledger enforces them; see {@code
 * io.tally.billing.spending}.
 */
package io.tally.billing.web.spending;
