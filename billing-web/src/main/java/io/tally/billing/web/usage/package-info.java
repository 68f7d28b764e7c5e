/**
 * The gateway's endpoints: quotes, authorizations, usage one event or a batch at a time, and the
 * usage report. Request bodies are read here; every rule about money lives in the engine.
 *
 * <p>The customer's usage page and its CSV read the same daily rollups through {@link
 * io.tally.billing.api.UsageReportService}; {@link io.tally.billing.web.usage.UsageTable} computes
 * the table once for both, so the download always matches the screen.
 */
package io.tally.billing.web.usage;
