/**
 * The admin pages (role {@code admin}, web.xml guards {@code /admin/*}): find accounts, read one
 * account's ledger and adjust it with a reason, give a model a new price from a date, see the
 * loaded plugins and the reconciliation, list the plans (read-only). Every rule stays in the
 * services these beans call.
 */
package io.tally.billing.web.admin;
