/**
 * What every feature leans on: the injected clock, the schema migrations that run before anything
 * else, and JSON conversion that keeps numbers exact. Nothing here knows about billing rules.
 *
 * <p>Faults of the database are told from bugs in one place ({@link
 * io.tally.billing.platform.Outages}): callers answer them 503, timers log them and run again at
 * the next interval ({@link io.tally.billing.platform.JobGuard}).
 */
package io.tally.billing.platform;
