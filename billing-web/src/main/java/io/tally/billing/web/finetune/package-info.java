/**
 * The HTTP face of fine-tuning jobs: the gateway (service key) starts and completes them; the
 * gateway or the owning account reads one, which is how the gateway learns that a job was suspended
 * for want of credit.
 */
package io.tally.billing.web.finetune;
