/**
 * The gateway's endpoints: quotes, authorizations, usage one event or a batch at a time, and the
 * usage report. Request bodies are read here; every rule about money lives in the engine.
 */
package io.tally.billing.web.usage;
