/**
 * The pricing plugin test kit. A plugin's own test extends {@link
 * io.tally.pricing.tck.PricingPluginTck}, names its plugin and gives sample sheets and calls; the
 * kit then checks what the server relies on: identity and SPI version, validation naming the field,
 * purity (no clock, no I/O, no state, the same quote on eight threads), line items that add up and
 * round half-up, monotony, bounds, a JSON round trip of each sheet, and descriptions.
 */
package io.tally.pricing.tck;
