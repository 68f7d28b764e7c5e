/**
 * Accounts and the keys that act on them. An account opens with its free grant on the ledger; a
 * service key acts on any account, an account key on its own only. Keys are stored as SHA-256
 * digests.
 */
package io.tally.billing.account;
