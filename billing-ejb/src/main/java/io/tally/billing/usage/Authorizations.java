package io.tally.billing.usage;

import static io.tally.billing.platform.Database.utc;

import io.tally.billing.api.AuthorizationService;
import io.tally.billing.api.AuthorizationView;
import io.tally.billing.api.CallPart;
import io.tally.billing.api.Money;
import io.tally.billing.ledger.HoldCommit;
import io.tally.billing.ledger.Holds;
import io.tally.billing.pricing.Pricer;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Holding a call's estimated cost before it runs, and releasing holds nobody settled. */
@Stateless
@LocalBean
@Local(AuthorizationService.class)
public class Authorizations implements AuthorizationService {

  private static final int EXPIRY_BATCH = 500;

  @Inject Pricer pricer;

  @Inject Holds holds;

  @Inject HoldCommit holdCommit;

  @Inject Clock clock;

  @PersistenceContext EntityManager em;

  @Inject
  @ConfigProperty(name = "tally.holds.ttl-seconds", defaultValue = "900")
  long ttlSeconds;

  /**
   * Outside a transaction, so that concurrent holds can share one ({@link HoldCommit}); a hold
   * placed alone gets a transaction of its own.
   */
  @Override
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public AuthorizationView authorize(long accountId, CallPart call) {
    Instant now = clock.instant();
    Pricer.PricedCall priced = pricer.price(call, now, "");
    Instant expiresAt = now.plus(Duration.ofSeconds(ttlSeconds));
    long id = holdCommit.place(accountId, call.model(), priced.amount(), now, expiresAt);
    return new AuthorizationView(
        id, accountId, call.model(), Money.format(priced.amount()), "OPEN", expiresAt.toString());
  }

  /**
   * Expires the holds that are due, each in its own transaction; answers how many. The database
   * decides what is due, so a timer that fires twice or late does the right work once.
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public int expireDue() {
    Instant now = clock.instant();
    List<Long> due =
        em
            .createNativeQuery(
                "SELECT id FROM authorization_hold WHERE status = 'OPEN' AND expires_at <= ?"
                    + " ORDER BY expires_at LIMIT "
                    + EXPIRY_BATCH)
            .setParameter(1, utc(now))
            .getResultList()
            .stream()
            .map(id -> ((Number) id).longValue())
            .toList();
    int expired = 0;
    for (long id : due) {
      if (holds.expire(id, now)) {
        expired++;
      }
    }
    return expired;
  }
}
