/**
 * Abuse limits: how often a key may call the API ({@link io.tally.billing.web.limit.ApiRateLimit}),
 * how large a request body may be ({@link io.tally.billing.web.limit.BodyLimit}), and how many
 * failed sign-ins and sign-ups an e-mail or a client address gets before it is locked out for a
 * while ({@link io.tally.billing.web.limit.SignInThrottle}).
 *
 * <p>Every limit is a Bucket4j token bucket kept in this server's memory: checking one costs a
 * compare-and-set, no database, so the check can sit on every gateway call. The price is that each
 * server of a cluster counts on its own (the README lists it among the known issues). Buckets read
 * the application's injected {@link java.time.Clock}, so tests move them with the test clock.
 */
package io.tally.billing.web.limit;
