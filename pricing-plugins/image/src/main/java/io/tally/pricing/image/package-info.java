/**
 * Prices the {@code image} family: per GPU-second, or per image with larger outputs charged as
 * several base-size images. The server finds the plugin through {@link java.util.ServiceLoader} and
 * calls nothing here but the {@link io.tally.pricing.spi.PricingPlugin} contract.
 */
package io.tally.pricing.image;
