package io.tally.billing.pricing;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.api.FailedCallPrice;
import io.tally.billing.platform.Database;
import io.tally.billing.platform.Invalidations;
import io.tally.billing.platform.Json;
import jakarta.annotation.PostConstruct;
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
import java.util.concurrent.atomic.AtomicLong;

/**
 * The catalog as pricing reads it, kept in memory: a charge must not wait for the database to learn
 * a price. A change is forgotten by every cluster member before it answers ({@link Invalidations});
 * {@link #TIME_TO_LIVE} is only the backstop should a member miss the message.
 */
@ApplicationScoped
public class PriceBook {

  static final Duration TIME_TO_LIVE = Duration.ofSeconds(10);
  static final String CHANGED = "model-prices-changed";

  @PersistenceContext EntityManager em;

  @Inject Clock clock;

  @Inject Invalidations invalidations;

  private final Map<String, Entry> cache = new ConcurrentHashMap<>();

  /** Counts forgotten models: a load that overlapped a change is used but not remembered. */
  private final AtomicLong forgotten = new AtomicLong();

  @PostConstruct
  void listen() {
    invalidations.on(CHANGED, this::forget);
  }

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
      long forgottenBefore = forgotten.get();
      entry = new Entry(load(modelId, field), now);
      if (forgotten.get() == forgottenBefore) {
        cache.put(modelId, entry);
      }
    }
    return entry.prices();
  }

  /** The model's prices read from the database now, bypassing the cache. */
  public Prices fresh(String modelId, String field) {
    return load(modelId, field);
  }

  /**
   * Makes every member forget the model. Call it once the change has committed: forgetting it
   * before the commit would let another request cache the old prices again in between.
   */
  public void changed(String modelId) {
    invalidations.publish(CHANGED, modelId);
  }

  private void forget(String modelId) {
    forgotten.incrementAndGet();
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
