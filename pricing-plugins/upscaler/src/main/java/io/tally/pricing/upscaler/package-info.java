/**
 * Prices the {@code upscaler} family: per megapixel of the upscaled output, or per GPU-second. The
 * server finds the plugin through {@link java.util.ServiceLoader} and calls nothing here but the
 * {@link io.tally.pricing.spi.PricingPlugin} contract.
 */
package io.tally.pricing.upscaler;
