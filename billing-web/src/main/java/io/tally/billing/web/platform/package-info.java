/**
 * What every resource shares: reading request bodies into their records (one parse, a binder per
 * record type and Bean Validation, with each refusal naming the field), writing the hot answers and
 * the errors with a JSON-P generator, authenticating the key, and the one JSON shape of errors. No
 * resource builds an error body itself. A fault of the database answers 503 with {@code
 * Retry-After} on every path, pages included ({@link io.tally.billing.web.platform.Unavailable},
 * {@link io.tally.billing.web.platform.OutageFilter}).
 *
 * <p>What every page shares: money shown as {@code $1.00} ({@link
 * io.tally.billing.web.platform.MoneyConverter}), UTC times, the message bundle, and a service's
 * refusal shown beside the field it names ({@link io.tally.billing.web.platform.FieldErrors}).
 */
package io.tally.billing.web.platform;
