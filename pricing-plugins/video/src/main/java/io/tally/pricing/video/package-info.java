/**
 * Prices the {@code video} family: per GPU-second, or per generated second at the rate of the
 * requested resolution tier. The server finds the plugin through {@link java.util.ServiceLoader}
 * and calls nothing here but the {@link io.tally.pricing.spi.PricingPlugin} contract.
 */
package io.tally.pricing.video;
