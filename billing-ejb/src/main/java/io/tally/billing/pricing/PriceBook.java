package io.tally.billing.pricing;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.api.FailedCallPrice;
import io.tally.billing.platform.Database;
import io.tally.billing.platform.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The catalog as pricing reads it, kept in memory: a charge must not wait for the database to learn
 * a price. A change made on this server is seen at once; one made on another cluster member within
 * {@link #TIME_TO_LIVE}.
 */
@ApplicationScoped
public class PriceBook {

  static final Duration TIME_TO_LIVE = Duration.ofSeconds(10);

  @PersistenceContext EntityManager em;

  @Inject Clock clock;

  private final Map<String, Entry> cache = new ConcurrentHashMap<>();

  /** A model's price versions in effective order. */
  public record Prices(Model model, List<Version> versions) {

    /** The version in force at {@code at}, or a 400 when the model had no price then. */
    public Version inForce(Instant at) {
      return latestAt(at)
          .orElseThrow(
              () ->
                  new BillingException(
                      ErrorCode.NO_PRICE_IN_FORCE,
                      "model " + model.id() + " had no price in force at " + at,
                      "startedAt"));
    }

    /** The version in force at {@code at}, if any started by then. */
    public java.util.Optional<Version> latestAt(Instant at) {
      Version found = null;
      for (Version version : versions) {
        if (!version.effectiveFrom().isAfter(at)) {
          found = version;
        }
      }
      return java.util.Optional.ofNullable(found);
    }
  }

  /**
   * One price version: its number, its sheet, when it starts, and what a failed call costs under it
   * (null: nothing).
   */
  public record Version(
      int number, Map<String, Object> pricing, Instant effectiveFrom, FailedCallPrice failedCalls) {

    public Version(int number, Map<String, Object> pricing, Instant effectiveFrom) {
      this(number, pricing, effectiveFrom, null);
    }
  }

  private record Entry(Prices prices, Instant loadedAt) {}

  /** The model's prices, or a 404 naming {@code field}. */
  public Prices prices(String modelId, String field) {
    Instant now = clock.instant();
    Entry entry = cache.get(modelId);
    if (entry == null || entry.loadedAt().plus(TIME_TO_LIVE).isBefore(now)) {
      entry = new Entry(load(modelId, field), now);
      cache.put(modelId, entry);
    }
    return entry.prices();
  }

  /** The model's prices read from the database now, bypassing the cache. */
  public Prices fresh(String modelId, String field) {
    return load(modelId, field);
  }

  /** Forgets a model after a change on this server. */
  public void forget(String modelId) {
    cache.remove(modelId);
  }

  private Prices load(String modelId, String field) {
    Model model = em.find(Model.class, modelId);
    if (model == null) {
      throw new BillingException(ErrorCode.MODEL_NOT_FOUND, "no model " + modelId, field);
    }
    List<Version> versions =
        em
            .createQuery(
                "SELECT p FROM ModelPrice p WHERE p.modelId = :model ORDER BY p.version",
                ModelPrice.class)
            .setParameter("model", modelId)
            .getResultList()
            .stream()
            .map(
                price ->
                    new Version(
                        price.version(),
                        Json.readObject(price.pricing()),
                        Database.instant(price.effectiveFrom()),
                        price.failedCalls()))
            .sorted(Comparator.comparing(Version::effectiveFrom).thenComparing(Version::number))
            .toList();
    return new Prices(model, versions);
  }
}
