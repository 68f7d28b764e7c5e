/**
 * Pricing: the catalog of models with dated price versions, the plugins that price each family, and
 * the checks on what plugins return. Pricing is pure: the same sheet and usage always give the same
 * quote, so quotes, holds and charges agree. A charge records its plugin and price version.
 *
 * <p>One plugin prices a family at a time. The plugin directory's jars are swapped while the server
 * runs ({@link io.tally.billing.pricing.PluginDirectory} says what a scan may change); a call reads
 * the {@link io.tally.billing.pricing.PluginRegistry}'s snapshot once, so it is priced by one
 * version.
 */
package io.tally.billing.pricing;
