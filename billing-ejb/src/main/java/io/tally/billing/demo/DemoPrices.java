package io.tally.billing.demo;

import static io.tally.billing.platform.Database.utc;

import io.tally.billing.pricing.PriceBook;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/** The demo's one change to its catalog's history, committed before any demo call is priced. */
@Stateless
public class DemoPrices {

  @PersistenceContext EntityManager em;

  @Inject PriceBook book;

  /**
   * Starts the models' first prices at {@code from}, so the demo's calls of the last few days are
   * priced (a price applies from its start only). A first price only moves earlier, so a demo
   * restarted later keeps its history.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void startFirstPricesBy(List<String> models, Instant from) {
    em.createQuery(
            "UPDATE ModelPrice p SET p.effectiveFrom = :from"
                + " WHERE p.modelId IN :models AND p.version = 1 AND p.effectiveFrom > :from")
        .setParameter("from", utc(from))
        .setParameter("models", models)
        .executeUpdate();
    models.forEach(book::changed);
  }
}
