/**
 * Business metrics: Tally's own figures (charges, refusals, latency, plugin pricing time, batch
 * sizes, payments by outcome, the outbox's depth, money charged per model) in MicroProfile Metrics'
 * application registry, served as Prometheus text at {@code /metrics}. Callers on the charge path
 * only increment: every tagged metric is looked up once and kept. The ledger stays the truth; these
 * are operational figures that start from zero when a server starts.
 */
package io.tally.billing.metrics;
