package io.tally.billing.api;

/** Which plugin, plugin version and model price version priced a line or a charge. */
public record PricedBy(String plugin, String version, int priceVersion) {}
