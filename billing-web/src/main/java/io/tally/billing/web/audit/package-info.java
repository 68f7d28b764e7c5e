/**
 * The audit's web face: who is acting in each request ({@link io.tally.billing.web.audit.Actors},
 * filled by the API's key filter and by {@link io.tally.billing.web.audit.PageActorFilter} for
 * signed-in pages), {@code GET /api/v1/audit} for the service key, and the admin's audit page. The
 * client's address is the connection's (a proxy's {@code X-Forwarded-For} is not trusted: anyone
 * can send one).
 */
package io.tally.billing.web.audit;
