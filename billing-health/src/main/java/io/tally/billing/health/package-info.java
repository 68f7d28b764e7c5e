/**
 * Tally's MicroProfile Health checks: readiness (database, migrations, pricing plugins), liveness
 * (the JVM) and startup. One bean archive, so every server lists each check once: WildFly's health
 * extension sees only an EAR's libraries, where tally.ear carries this jar; the Payara Micro WAR
 * carries it in {@code WEB-INF/lib}. The checks read the engine only through {@link
 * io.tally.billing.health.Engine}, which billing-ejb attaches as it starts; until then readiness
 * and startup answer DOWN.
 */
package io.tally.billing.health;
