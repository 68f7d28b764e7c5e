/**
 * The HTTP face of accounts: opening them (service key), reading them, and issuing account keys. An
 * account key reaches its own account only; any other reads as not found.
 */
package io.tally.billing.web.account;
