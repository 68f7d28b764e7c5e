/**
 * What every feature leans on: the injected clock, the schema migrations that run before anything
 * else, and JSON conversion that keeps numbers exact. Nothing here knows about billing rules.
 */
package io.tally.billing.platform;
