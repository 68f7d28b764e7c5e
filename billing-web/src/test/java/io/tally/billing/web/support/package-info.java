/**
 * Deployed only in the test WAR: the movable clock and the test-support resources under {@code
 * /api/v1/test-support/...} that move it or run a timer's work on demand, the way the timer would.
 * {@link io.tally.billing.web.Deployments} adds this whole package, so a feature's test support
 * goes here.
 */
package io.tally.billing.web.support;
