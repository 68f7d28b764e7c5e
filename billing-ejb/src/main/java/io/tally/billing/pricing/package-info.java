/**
 * Pricing: the catalog of models with dated price versions, the plugins that price each family, and
 * the checks on what plugins return. Pricing is pure: the same sheet and usage always give the same
 * quote, so quotes, holds and charges agree. A charge records its plugin and price version.
 */
package io.tally.billing.pricing;
