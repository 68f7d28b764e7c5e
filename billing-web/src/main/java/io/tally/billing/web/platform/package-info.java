/**
 * What every resource shares: reading request bodies field by field, authenticating the key, and
 * the one JSON shape of errors. No resource builds an error body itself.
 */
package io.tally.billing.web.platform;
