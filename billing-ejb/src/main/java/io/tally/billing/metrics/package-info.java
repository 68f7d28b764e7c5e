/**
 * Business metrics: Tally's own figures (charges, refusals, latency, plugin pricing time, batch
 * sizes, payments by outcome, the outbox's depth, money charged per model). Callers depend on
 * {@link io.tally.billing.metrics.BusinessMetrics} only; where the server has MicroProfile Metrics
 * they go to its application registry, served as Prometheus text at {@code /metrics}, and elsewhere
 * nowhere (WildFly 38). Only {@code MicroProfileMetrics} names that API, and only {@code
 * MetricsBinding} creates it, after finding the API. Callers on the charge path only increment:
 * every tagged metric is looked up once and kept. The ledger stays the truth; these are operational
 * figures that start from zero when a server starts.
 */
package io.tally.billing.metrics;
