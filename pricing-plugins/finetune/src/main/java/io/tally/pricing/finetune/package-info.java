/**
 * Prices the {@code finetune} family at a flat rate per second, applied to each reading of a
 * running job's meter. The server finds the plugin through {@link java.util.ServiceLoader} and
 * calls nothing here but the {@link io.tally.pricing.spi.PricingPlugin} contract.
 */
package io.tally.pricing.finetune;
