/**
 * The pricing plugin contract. A plugin turns a model's price sheet and a call's usage facts into a
 * quote of line items; it is pure (no I/O, no clock, no state), and the server checks every quote
 * it returns. Plugins depend on this package alone.
 */
package io.tally.pricing.spi;
